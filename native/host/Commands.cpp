// The host's commands. Plugins are loaded and instantiated through JUCE's VST3PluginFormat (the same
// code path a JUCE-based DAW uses: factory, component + controller, connection points, bus
// arrangements, parameters, state). Audio is processed either through JUCE's processBlock (engine
// "juce": MIDI via MidiBuffer with sample offsets, CC via IMidiMapping) or by calling the plugin's
// IAudioProcessor::process directly (engine "raw": own IEventList and IParameterChanges, so parameter
// automation arrives as sample-accurate points inside a block). Module-level checks (class ids,
// load/unload cycles) talk to the shared object directly (RawVst3.cpp).
#include "Common.h"
#include "RawVst3.h"

#include <pluginterfaces/vst/ivstmidicontrollers.h>

#include <juce_audio_processors/juce_audio_processors.h>
#include <public.sdk/source/vst/hosting/hostclasses.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Steinberg;

namespace nshost
{
namespace
{
std::string absPath(const std::string& p)
{
    return juce::File::getCurrentWorkingDirectory().getChildFile(p).getFullPathName().toStdString();
}

std::string fmt(double v, int decimals = 6)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(decimals) << v;
    return s.str();
}

std::string sci(double v)
{
    char b[64];
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

// ---- plugin instances ----------------------------------------------------------------------------
struct Plugin
{
    juce::PluginDescription desc;
    std::unique_ptr<juce::AudioPluginInstance> inst;
    V::IComponent* component = nullptr;   // owned by JUCE's instance
    V::IAudioProcessor* processor = nullptr; // our reference (released in the destructor)
    double sampleRate = 48000.0;
    int blockSize = 128;
    std::map<V::ParamID, double> pendingRaw; // values set since the last raw-engine block
    int64_t rawPosition = 0;

    ~Plugin()
    {
        if (processor != nullptr)
            processor->release();
        processor = nullptr;
        if (inst != nullptr)
            inst->releaseResources();
        inst.reset();
    }

    bool isInstrument() const { return desc.isInstrument || inst->acceptsMidi(); }
    int numIn() const { return inst->getTotalNumInputChannels(); }
    int numOut() const { return inst->getTotalNumOutputChannels(); }
};

juce::VST3PluginFormat& vst3Format()
{
    static juce::VST3PluginFormat format;
    return format;
}

std::vector<juce::PluginDescription> scan(const std::string& bundle)
{
    const auto path = absPath(bundle);
    if (!juce::File(path).exists())
        fail(bundle + ": no such VST3 bundle");
    setActivity("scanning " + bundle);
    juce::OwnedArray<juce::PluginDescription> types;
    vst3Format().findAllTypesForFile(types, path);
    if (types.isEmpty())
        fail(bundle + ": no VST3 audio classes found (module failed to load, or its factory has no \"Audio Module Class\")");
    std::vector<juce::PluginDescription> out;
    for (auto* t : types)
        out.push_back(*t);
    return out;
}

juce::PluginDescription pick(const std::vector<juce::PluginDescription>& types, const std::string& className)
{
    if (className.empty())
    {
        if (types.size() == 1)
            return types[0];
        std::string names;
        for (auto& t : types)
            names += (names.empty() ? "" : ", ") + t.name.toStdString();
        fail("bundle has " + std::to_string(types.size()) + " classes; choose one with --class (" + names + ")");
    }
    for (auto& t : types)
        if (t.name.equalsIgnoreCase(juce::String(className)))
            return t;
    std::string names;
    for (auto& t : types)
        names += (names.empty() ? "" : ", ") + t.name.toStdString();
    fail("no class named \"" + className + "\" (available: " + names + ")");
}

std::unique_ptr<Plugin> create(const juce::PluginDescription& desc, double sampleRate, int blockSize, bool offline = false)
{
    setActivity("instantiating " + desc.name.toStdString());
    auto p = std::make_unique<Plugin>();
    p->desc = desc;
    p->sampleRate = sampleRate;
    p->blockSize = blockSize;
    juce::String error;
    p->inst = vst3Format().createInstanceFromDescription(desc, sampleRate, blockSize, error);
    if (p->inst == nullptr)
        fail("cannot instantiate " + desc.name.toStdString() + ": " + (error.isEmpty() ? "unknown error" : error.toStdString()));
    setActivity("preparing " + desc.name.toStdString());
    // Offline = a bounce: JUCE passes processMode kOffline to setupProcessing and process.
    p->inst->setNonRealtime(offline);
    p->inst->prepareToPlay(sampleRate, blockSize);
    struct ComponentVisitor final : juce::ExtensionsVisitor
    {
        V::IComponent* component = nullptr;
        void visitVST3Client(const VST3Client& client) override { component = client.getIComponentPtr(); }
    } visitor;
    p->inst->getExtensions(visitor);
    p->component = visitor.component;
    if (p->component == nullptr)
        fail(desc.name.toStdString() + ": instance has no IComponent");
    if (p->component->queryInterface(V::IAudioProcessor::iid, (void**) &p->processor) != kResultOk || p->processor == nullptr)
        fail(desc.name.toStdString() + ": component does not implement IAudioProcessor");
    setActivity("idle");
    return p;
}

// VST3 has to be reset from a known state: setActive(false) -> setActive(true).
void resetPlugin(Plugin& p)
{
    setActivity("resetting " + p.desc.name.toStdString());
    p.inst->reset();
    p.rawPosition = 0;
}

juce::HostedAudioProcessorParameter* hosted(juce::AudioProcessorParameter* p)
{
    return dynamic_cast<juce::HostedAudioProcessorParameter*>(p);
}

V::ParamID paramIdOf(juce::AudioProcessorParameter* p)
{
    if (auto* h = hosted(p))
        return (V::ParamID) h->getParameterID().getLargeIntValue();
    return (V::ParamID) p->getParameterIndex();
}

juce::AudioProcessorParameter* findParam(Plugin& p, const std::string& key)
{
    for (auto* param : p.inst->getParameters())
    {
        if (auto* h = hosted(param); h != nullptr && h->getParameterID().toStdString() == key)
            return param;
        if (param->getName(256).equalsIgnoreCase(juce::String(key)))
            return param;
    }
    fail("no parameter with id or name \"" + key + "\"");
}

// Parameters a test may change: automatable, not the bypass parameter.
std::vector<juce::AudioProcessorParameter*> testableParams(Plugin& p)
{
    std::vector<juce::AudioProcessorParameter*> out;
    auto* bypass = p.inst->getBypassParameter();
    for (auto* param : p.inst->getParameters())
    {
        if (param == bypass || !param->isAutomatable())
            continue;
        const auto name = param->getName(256).toLowerCase();
        if (name.contains("bypass") || name.contains("program"))
            continue;
        out.push_back(param);
    }
    return out;
}

// A host-side parameter change: goes to the controller at once (setParamNormalized, via JUCE on
// the message thread) and to the processor with the next block (JUCE queue or raw point at 0).
void setParameter(Plugin& p, juce::AudioProcessorParameter* param, float value)
{
    param->setValue(value);
    p.pendingRaw[paramIdOf(param)] = value;
}

// ---- rendering -------------------------------------------------------------------------------------
struct ParamPoint
{
    int64_t sample;
    V::ParamID id;
    double value;
};

struct RenderJob
{
    const Audio* input = nullptr;                 // optional
    const std::vector<MidiEvent>* midi = nullptr; // optional
    const std::vector<ParamPoint>* points = nullptr; // optional, sorted by sample (raw engine only)
    int64_t frames = 0;
    std::string engine = "juce";
};

struct RenderStats
{
    int64_t blocks = 0;
    int64_t eventsSent = 0;
    int64_t eventsDropped = 0; // raw engine: MIDI messages without a VST3 event equivalent
    int64_t pointsSent = 0;
};

void checkFinite(const Audio& a, const std::string& what)
{
    for (size_t c = 0; c < a.channels.size(); ++c)
        for (size_t i = 0; i < a.channels[c].size(); ++i)
            if (!std::isfinite(a.channels[c][i]))
                fail(what + ": plugin produced a non-finite sample (channel " + std::to_string(c) + ", frame " + std::to_string(i) + ")");
}

Audio render(Plugin& p, const RenderJob& job, RenderStats* statsOut = nullptr)
{
    const int numIn = p.numIn(), numOut = p.numOut();
    const int bs = p.blockSize;
    Audio out;
    out.sampleRate = p.sampleRate;
    out.channels.assign((size_t) numOut, std::vector<float>((size_t) job.frames, 0.0f));
    RenderStats stats;

    // scratch: JUCE engine uses max(in,out) channels in place; raw engine uses separate in/out
    const int scratchChannels = std::max(numIn, numOut) + numIn;
    std::vector<std::vector<float>> scratch((size_t) scratchChannels, std::vector<float>((size_t) bs, 0.0f));
    std::vector<float*> ptrs((size_t) scratchChannels);
    for (int c = 0; c < scratchChannels; ++c)
        ptrs[(size_t) c] = scratch[(size_t) c].data();

    size_t midiIndex = 0, pointIndex = 0;
    const std::vector<MidiEvent> noMidi;
    const std::vector<ParamPoint> noPoints;
    const auto& midi = job.midi ? *job.midi : noMidi;
    const auto& points = job.points ? *job.points : noPoints;
    if (!points.empty() && job.engine != "raw")
        fail("sample-accurate automation needs --engine raw");

    auto inputSample = [&](int ch, int64_t frame) -> float {
        if (job.input == nullptr || job.input->channels.empty() || frame >= (int64_t) job.input->frames())
            return 0.0f;
        const auto& chans = job.input->channels;
        const size_t src = chans.size() == 1 ? 0 : (size_t) ch;
        return src < chans.size() ? chans[src][(size_t) frame] : 0.0f;
    };

    // raw engine structures, reused across blocks
    EventList events, outEvents;
    ParamChanges inParams, outParams;
    juce::MidiBuffer midiBuffer;
    std::vector<V::AudioBusBuffers> inBuses, outBuses;
    std::vector<std::vector<float*>> busPtrs;
    std::vector<int> inBusChannels, outBusChannels;
    std::vector<bool> inBusActive, outBusActive;
    if (job.engine == "raw")
    {
        for (int dir = 0; dir < 2; ++dir)
        {
            const bool isIn = dir == 0;
            const int n = p.inst->getBusCount(isIn);
            for (int b = 0; b < n; ++b)
            {
                V::SpeakerArrangement arr = 0;
                p.processor->getBusArrangement(isIn ? V::kInput : V::kOutput, b, arr);
                (isIn ? inBusChannels : outBusChannels).push_back(V::SpeakerArr::getChannelCount(arr));
                (isIn ? inBusActive : outBusActive).push_back(p.inst->getBus(isIn, b)->isEnabled());
            }
        }
    }
    else if (job.engine != "juce")
        fail("unknown engine \"" + job.engine + "\" (juce or raw)");

    // Raw engine: MIDI controllers (CC, pitch bend, channel pressure) reach a VST3 plugin as parameter
    // changes through its IMidiMapping; delivered as points at their exact sample (JUCE's engine can only
    // apply them at the start of the block).
    V::IMidiMapping* midiMapping = nullptr;
    if (job.engine == "raw" && p.component->queryInterface(V::IMidiMapping::iid, (void**) &midiMapping) != kResultOk)
        midiMapping = nullptr;
    struct MappingRelease { V::IMidiMapping*& m; ~MappingRelease() { if (m != nullptr) m->release(); } } mappingRelease{midiMapping};
    auto mappedController = [&](const MidiEvent& e, int channel, V::ParamID& id, double& value) -> bool {
        const int status = e.bytes[0] & 0xf0;
        V::CtrlNumber ctrl = -1;
        if (status == 0xb0 && e.size == 3) { ctrl = (V::CtrlNumber) e.bytes[1]; value = e.bytes[2] / 127.0; }
        else if (status == 0xe0 && e.size == 3) { ctrl = V::kPitchBend; value = ((e.bytes[2] << 7) | e.bytes[1]) / 16383.0; }
        else if (status == 0xd0 && e.size >= 2) { ctrl = V::kAfterTouch; value = e.bytes[1] / 127.0; }
        return ctrl >= 0 && midiMapping != nullptr
            && midiMapping->getMidiControllerAssignment(0, (int16) channel, ctrl, id) == kResultOk;
    };

    std::vector<std::vector<float>> inactiveScratch;
    for (int64_t pos = 0; pos < job.frames; pos += bs)
    {
        const int n = (int) std::min<int64_t>(bs, job.frames - pos);
        setActivity("processing block at frame " + std::to_string(pos) + " (" + job.engine + " engine, block " + std::to_string(n) + ")");
        if (job.engine == "juce")
        {
            for (int c = 0; c < std::max(numIn, numOut); ++c)
                for (int i = 0; i < n; ++i)
                    scratch[(size_t) c][(size_t) i] = c < numIn ? inputSample(c, pos + i) : 0.0f;
            midiBuffer.clear();
            while (midiIndex < midi.size() && midi[midiIndex].sample < pos + n)
            {
                const auto& e = midi[midiIndex++];
                midiBuffer.addEvent(e.bytes, e.size, (int) std::max<int64_t>(0, e.sample - pos));
                ++stats.eventsSent;
            }
            p.pendingRaw.clear();
            juce::AudioBuffer<float> buffer(ptrs.data(), std::max(numIn, numOut), n);
            p.inst->processBlock(buffer, midiBuffer);
            for (int c = 0; c < numOut; ++c)
                std::copy(scratch[(size_t) c].begin(), scratch[(size_t) c].begin() + n, out.channels[(size_t) c].begin() + pos);
        }
        else
        {
            // inputs: channels [max(in,out) .. +numIn) of scratch; outputs: [0 .. numOut)
            const int inBase = std::max(numIn, numOut);
            for (int c = 0; c < numIn; ++c)
                for (int i = 0; i < n; ++i)
                    scratch[(size_t) (inBase + c)][(size_t) i] = inputSample(c, pos + i);
            for (int c = 0; c < numOut; ++c)
                std::fill(scratch[(size_t) c].begin(), scratch[(size_t) c].begin() + n, 0.0f);
            busPtrs.clear();
            inBuses.assign(inBusChannels.size(), V::AudioBusBuffers{});
            outBuses.assign(outBusChannels.size(), V::AudioBusBuffers{});
            busPtrs.reserve(inBusChannels.size() + outBusChannels.size());
            inactiveScratch.clear();
            int nextIn = 0, nextOut = 0;
            auto wire = [&](bool isIn, size_t b) -> V::AudioBusBuffers {
                const int ch = isIn ? inBusChannels[b] : outBusChannels[b];
                const bool active = isIn ? inBusActive[b] : outBusActive[b];
                busPtrs.emplace_back();
                for (int c = 0; c < ch; ++c)
                {
                    if (active)
                        busPtrs.back().push_back(isIn ? ptrs[(size_t) (inBase + nextIn++)] : ptrs[(size_t) nextOut++]);
                    else
                    {
                        inactiveScratch.emplace_back((size_t) bs, 0.0f);
                        busPtrs.back().push_back(inactiveScratch.back().data());
                    }
                }
                V::AudioBusBuffers buf{};
                buf.numChannels = ch;
                buf.silenceFlags = active ? 0 : ~0ull;
                return buf;
            };
            inactiveScratch.reserve(64);
            for (size_t b = 0; b < inBusChannels.size(); ++b) inBuses[b] = wire(true, b);
            for (size_t b = 0; b < outBusChannels.size(); ++b) outBuses[b] = wire(false, b);
            for (size_t b = 0; b < inBuses.size(); ++b) inBuses[b].channelBuffers32 = busPtrs[b].data();
            for (size_t b = 0; b < outBuses.size(); ++b) outBuses[b].channelBuffers32 = busPtrs[inBuses.size() + b].data();

            events.events.clear();
            outEvents.events.clear();
            inParams.clear();
            outParams.clear();
            while (midiIndex < midi.size() && midi[midiIndex].sample < pos + n)
            {
                const auto& e = midi[midiIndex++];
                const int offset = (int) std::max<int64_t>(0, e.sample - pos);
                const int status = e.bytes[0] & 0xf0, channel = e.bytes[0] & 0x0f;
                V::Event ev{};
                ev.busIndex = 0;
                ev.sampleOffset = offset;
                ev.flags = V::Event::kIsLive;
                if (status == 0x90 && e.size == 3 && e.bytes[2] > 0)
                {
                    ev.type = V::Event::kNoteOnEvent;
                    ev.noteOn = {};
                    ev.noteOn.channel = (int16) channel;
                    ev.noteOn.pitch = e.bytes[1];
                    ev.noteOn.velocity = (float) e.bytes[2] / 127.0f;
                    ev.noteOn.noteId = -1;
                }
                else if ((status == 0x80 || status == 0x90) && e.size == 3)
                {
                    ev.type = V::Event::kNoteOffEvent;
                    ev.noteOff = {};
                    ev.noteOff.channel = (int16) channel;
                    ev.noteOff.pitch = e.bytes[1];
                    ev.noteOff.velocity = status == 0x80 ? (float) e.bytes[2] / 127.0f : 0.0f;
                    ev.noteOff.noteId = -1;
                }
                else if (status == 0xa0 && e.size == 3)
                {
                    ev.type = V::Event::kPolyPressureEvent;
                    ev.polyPressure = {};
                    ev.polyPressure.channel = (int16) channel;
                    ev.polyPressure.pitch = e.bytes[1];
                    ev.polyPressure.pressure = (float) e.bytes[2] / 127.0f;
                    ev.polyPressure.noteId = -1;
                }
                else
                {
                    V::ParamID mappedId = 0;
                    double mappedValue = 0.0;
                    if (mappedController(e, channel, mappedId, mappedValue))
                    {
                        inParams.addPoint(mappedId, offset, mappedValue);
                        ++stats.pointsSent;
                    }
                    else
                        ++stats.eventsDropped;
                    continue;
                }
                events.events.push_back(ev);
                ++stats.eventsSent;
            }

            for (auto& [id, value] : p.pendingRaw)
            {
                inParams.addPoint(id, 0, value);
                ++stats.pointsSent;
            }
            p.pendingRaw.clear();
            while (pointIndex < points.size() && points[pointIndex].sample < pos + n)
            {
                const auto& pt = points[pointIndex++];
                inParams.addPoint(pt.id, (int) std::max<int64_t>(0, pt.sample - pos), pt.value);
                ++stats.pointsSent;
            }

            V::ProcessContext ctx{};
            ctx.state = V::ProcessContext::kPlaying | V::ProcessContext::kTempoValid | V::ProcessContext::kTimeSigValid |
                        V::ProcessContext::kProjectTimeMusicValid;
            ctx.sampleRate = p.sampleRate;
            ctx.projectTimeSamples = p.rawPosition;
            ctx.tempo = 120.0;
            ctx.timeSigNumerator = 4;
            ctx.timeSigDenominator = 4;
            ctx.projectTimeMusic = (double) p.rawPosition / p.sampleRate * 2.0;

            V::ProcessData data;
            data.processMode = p.inst->isNonRealtime() ? V::kOffline : V::kRealtime;
            data.symbolicSampleSize = V::kSample32;
            data.numSamples = n;
            data.numInputs = (int32) inBuses.size();
            data.numOutputs = (int32) outBuses.size();
            data.inputs = inBuses.empty() ? nullptr : inBuses.data();
            data.outputs = outBuses.empty() ? nullptr : outBuses.data();
            data.inputParameterChanges = &inParams;
            data.outputParameterChanges = &outParams;
            data.inputEvents = &events;
            data.outputEvents = &outEvents;
            data.processContext = &ctx;
            const tresult r = p.processor->process(data);
            if (r != kResultOk)
                fail("IAudioProcessor::process returned " + std::to_string(r) + " at frame " + std::to_string(pos));
            p.rawPosition += n;
            for (int c = 0; c < numOut; ++c)
                std::copy(scratch[(size_t) c].begin(), scratch[(size_t) c].begin() + n, out.channels[(size_t) c].begin() + pos);
        }
        ++stats.blocks;
    }
    setActivity("idle");
    if (statsOut)
        *statsOut = stats;
    return out;
}

struct Level
{
    double peak = 0, rms = 0;
};

Level level(const Audio& a, size_t from = 0, size_t to = SIZE_MAX)
{
    Level l;
    double sum = 0;
    size_t count = 0;
    for (auto& ch : a.channels)
        for (size_t i = from; i < std::min(to, ch.size()); ++i)
        {
            l.peak = std::max(l.peak, (double) std::abs(ch[i]));
            sum += (double) ch[i] * ch[i];
            ++count;
        }
    l.rms = count ? std::sqrt(sum / (double) count) : 0.0;
    return l;
}

double maxDiff(const Audio& a, const Audio& b)
{
    if (a.channels.size() != b.channels.size() || a.frames() != b.frames())
        return INFINITY;
    double d = 0;
    for (size_t c = 0; c < a.channels.size(); ++c)
        for (size_t i = 0; i < a.channels[c].size(); ++i)
            d = std::max(d, (double) std::abs(a.channels[c][i] - b.channels[c][i]));
    return d;
}

int64_t defaultRenderFrames(Plugin& p, double songSeconds)
{
    double tail = p.inst->getTailLengthSeconds();
    if (!(tail >= 0.0) || !std::isfinite(tail) || tail > 5.0)
        tail = 5.0;
    return (int64_t) std::ceil((songSeconds + std::max(tail, 0.25)) * p.sampleRate);
}

std::string layoutName(const juce::AudioChannelSet& s)
{
    if (s.isDisabled())
        return "disabled";
    return s.getDescription().toStdString() + " (" + std::to_string(s.size()) + " ch)";
}

void printRenderSummary(const char* what, const Audio& out, const RenderStats& st, const Plugin& p)
{
    const Level l = level(out);
    std::cout << what << ": " << out.frames() << " frames x " << out.channels.size() << " ch at " << p.sampleRate
              << " Hz, block size " << p.blockSize << ", " << st.blocks << " blocks, " << st.eventsSent << " events";
    if (st.eventsDropped)
        std::cout << " (" << st.eventsDropped << " MIDI messages without a VST3 event dropped by the raw engine)";
    if (st.pointsSent)
        std::cout << ", " << st.pointsSent << " parameter points";
    std::cout << "\n  peak " << fmt(l.peak) << "  rms " << fmt(l.rms) << "\n";
}

// Temporary files for commands that make their own test input.
std::string tempPath(const std::string& name)
{
    auto dir = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("neuralsynth-vst3-host-" + juce::String(getpid()));
    dir.createDirectory();
    return dir.getChildFile(name).getFullPathName().toStdString();
}

std::string midiArgOrTest(const Args& a)
{
    if (a.has("midi"))
        return a.str("midi");
    const auto path = tempPath("test.mid");
    writeTestMidi(path);
    return path;
}

std::vector<uint8_t> componentState(Plugin& p)
{
    MemStream s;
    if (p.component->getState(&s) != kResultOk)
        fail("IComponent::getState failed");
    return s.data;
}
} // namespace

// =====================================================================================================
int cmdList(const Args& a)
{
    if (a.positional.empty())
        fail("usage: list <bundle.vst3>");
    const auto bundle = a.positional[0];
    const double sr = a.num("sample-rate", 48000);
    const int bs = (int) a.integer("block-size", 512);

    // 1) the module itself, without JUCE (ModuleEntry/GetPluginFactory/ModuleExit), for class ids
    std::map<std::string, RawClassInfo> rawByName;
    {
        setActivity("opening module " + bundle);
        RawModule module(absPath(bundle));
        std::cout << "Module: " << module.binaryPath << "\n";
        std::cout << "Factory: vendor \"" << module.vendor << "\"  url \"" << module.url << "\"  email \"" << module.email << "\"\n";
        std::cout << "Factory classes (" << module.classes.size() << "):\n";
        for (auto& c : module.classes)
        {
            std::cout << "  " << std::left << std::setw(24) << ("\"" + c.name + "\"") << " category \"" << c.category << "\"";
            if (!c.subCategories.empty())
                std::cout << "  subcategories \"" << c.subCategories << "\"";
            std::cout << "  cid " << c.cid;
            if (!c.version.empty())
                std::cout << "  version " << c.version;
            if (!c.sdkVersion.empty())
                std::cout << "  sdk \"" << c.sdkVersion << "\"";
            std::cout << "\n";
            if (c.category == "Audio Module Class")
                rawByName[c.name] = c;
        }
        setActivity("closing module " + bundle);
    }

    // 2) each audio class through JUCE's VST3 host
    const auto types = scan(bundle);
    for (auto& desc : types)
    {
        if (a.has("class") && !desc.name.equalsIgnoreCase(juce::String(a.str("class"))))
            continue;
        auto p = create(desc, sr, bs);
        auto& inst = *p->inst;
        std::cout << "\nClass \"" << desc.name << "\"\n";
        std::cout << "  category:   " << desc.category << (desc.isInstrument ? "  (instrument)" : "  (effect)") << "\n";
        if (auto it = rawByName.find(desc.name.toStdString()); it != rawByName.end())
            std::cout << "  class id:   " << it->second.cid << "\n";
        std::cout << "  vendor:     " << desc.manufacturerName << "   version " << desc.version << "\n";
        std::cout << "  MIDI in:    " << (inst.acceptsMidi() ? "yes" : "no") << "   MIDI out: " << (inst.producesMidi() ? "yes" : "no") << "\n";
        std::cout << "  latency:    " << inst.getLatencySamples() << " samples\n";
        const double tail = inst.getTailLengthSeconds();
        std::cout << "  tail:       " << (std::isinf(tail) || tail > 1e6 ? std::string("infinite") : fmt(tail, 3) + " s") << "\n";

        // buses: current layout plus which of {disabled, mono, stereo} each bus accepts
        std::cout << "  audio buses:\n";
        inst.releaseResources();
        for (int dir = 0; dir < 2; ++dir)
        {
            const bool isIn = dir == 0;
            for (int b = 0; b < inst.getBusCount(isIn); ++b)
            {
                auto* bus = inst.getBus(isIn, b);
                std::cout << "    " << (isIn ? "in " : "out") << " " << b << " \"" << bus->getName() << "\"  "
                          << layoutName(bus->getCurrentLayout()) << (bus->isEnabled() ? "" : " [inactive]")
                          << (bus->isEnabledByDefault() ? "" : " [inactive by default]") << "  supports:";
                for (auto set : {juce::AudioChannelSet::disabled(), juce::AudioChannelSet::mono(), juce::AudioChannelSet::stereo(),
                                 juce::AudioChannelSet::create5point1()})
                {
                    auto layout = inst.getBusesLayout();
                    (isIn ? layout.inputBuses : layout.outputBuses).getReference(b) = set;
                    if (inst.checkBusesLayoutSupported(layout))
                        std::cout << " " << (set.isDisabled() ? std::string("disabled") : set.getDescription().toStdString());
                }
                std::cout << "\n";
            }
        }
        inst.prepareToPlay(sr, bs);

        const auto& params = inst.getParameters();
        std::cout << "  parameters (" << params.size() << "):\n";
        std::cout << "    " << std::left << std::setw(12) << "id" << std::setw(24) << "name" << std::setw(8) << "units"
                  << std::setw(10) << "default" << std::setw(8) << "steps" << std::setw(10) << "value" << "formatted\n";
        const long long maxParams = a.integer("max-params", 1000000);
        long long shown = 0;
        for (auto* param : params)
        {
            if (shown++ >= maxParams)
            {
                std::cout << "    ... " << (params.size() - maxParams) << " more\n";
                break;
            }
            auto* h = hosted(param);
            const int steps = param->getNumSteps();
            const bool continuous = steps == juce::AudioProcessor::getDefaultNumParameterSteps();
            std::cout << "    " << std::left << std::setw(12) << (h ? h->getParameterID().toStdString() : std::to_string(param->getParameterIndex()))
                      << std::setw(24) << ("\"" + param->getName(64).toStdString() + "\"") << std::setw(8)
                      << ("\"" + param->getLabel().toStdString() + "\"") << std::setw(10) << fmt(param->getDefaultValue(), 4)
                      << std::setw(8) << (continuous ? std::string("0") : std::to_string(steps - 1)) << std::setw(10)
                      << fmt(param->getValue(), 4) << "\"" << param->getCurrentValueAsText() << "\""
                      << (param->isAutomatable() ? "" : "  [not automatable]")
                      << (param == inst.getBypassParameter() ? "  [bypass]" : "") << "\n";
        }
    }
    return 0;
}

// "--set ID|NAME=VALUE[,ID|NAME=VALUE...]": normalized values set before the first block.
void applySetArgument(Plugin& p, const Args& a)
{
    if (!a.has("set"))
        return;
    juce::StringArray items;
    items.addTokens(juce::String(a.str("set")), ",", "");
    for (auto& item : items)
    {
        const int eq = item.lastIndexOfChar('=');
        if (eq <= 0)
            fail("--set: expected ID=VALUE, got \"" + item.toStdString() + "\"");
        const auto value = item.substring(eq + 1).trim();
        if (!value.containsOnly("0123456789.eE-+") || value.isEmpty())
            fail("--set: not a number: " + value.toStdString());
        const double v = value.getDoubleValue();
        if (!(v >= 0.0 && v <= 1.0))
            fail("--set: normalized values are 0..1, got " + value.toStdString());
        setParameter(p, findParam(p, item.substring(0, eq).trim().toStdString()), (float) v);
    }
}

int cmdRenderMidi(const Args& a)
{
    if (a.positional.empty())
        fail("usage: render-midi <bundle> --class <name> (--midi <in.mid> | --seconds N) --out <out.wav> [--sample-rate 48000] [--block-size 128] [--engine juce|raw] [--set ID=VALUE,...] [--offline]");
    const double sr = a.num("sample-rate", 48000);
    const int bs = (int) a.integer("block-size", 128);
    if (bs < 1 || sr < 1000)
        fail("invalid --block-size or --sample-rate");
    if (!a.has("midi") && !a.has("seconds"))
        fail("render-midi needs --midi, --seconds or both");
    const MidiSong song = a.has("midi") ? readMidiFile(a.str("midi"), sr) : MidiSong{};
    const auto out = a.required("out");
    auto p = create(pick(scan(a.positional[0]), a.str("class")), sr, bs, a.has("offline"));
    applySetArgument(*p, a);
    RenderJob job;
    job.midi = &song.events;
    job.engine = a.str("engine", "juce");
    job.frames = a.has("seconds") ? (int64_t) std::llround(a.num("seconds", 0) * sr) : defaultRenderFrames(*p, song.lengthSeconds);
    RenderStats st;
    auto audio = render(*p, job, &st);
    checkFinite(audio, "render-midi");
    writeWavFloat32(out, audio);
    printRenderSummary(("render-midi " + p->desc.name.toStdString()).c_str(), audio, st, *p);
    std::cout << "  wrote " << out << " (32-bit float WAV)\n";
    return 0;
}

int cmdProcessWav(const Args& a)
{
    if (a.positional.empty())
        fail("usage: process-wav <bundle> --class <name> --in <in.wav> --out <out.wav> [--block-size N] [--sample-rate N] [--tail S] [--engine juce|raw] [--set ID|NAME=VALUE,...] [--offline]");
    const auto in = readWav(a.required("in"));
    const auto out = a.required("out");
    const double sr = a.num("sample-rate", in.sampleRate);
    const int bs = (int) a.integer("block-size", 128);
    if (bs < 1 || sr < 1000)
        fail("invalid --block-size or --sample-rate");
    auto p = create(pick(scan(a.positional[0]), a.str("class")), sr, bs, a.has("offline"));
    if (p->numIn() == 0)
        fail(p->desc.name.toStdString() + " has no active audio input bus; it is not an effect");
    applySetArgument(*p, a);
    RenderJob job;
    job.input = &in;
    job.engine = a.str("engine", "juce");
    job.frames = (int64_t) in.frames() + (int64_t) std::llround(a.num("tail", 0) * sr);
    RenderStats st;
    auto audio = render(*p, job, &st);
    checkFinite(audio, "process-wav");
    writeWavFloat32(out, audio);
    printRenderSummary(("process-wav " + p->desc.name.toStdString()).c_str(), audio, st, *p);
    const Level li = level(in);
    std::cout << "  input: " << in.frames() << " frames x " << in.channels.size() << " ch, peak " << fmt(li.peak) << " rms " << fmt(li.rms)
              << (in.sampleRate != sr ? "  (note: file rate " + fmt(in.sampleRate, 0) + " Hz, processed as " + fmt(sr, 0) + " Hz)" : std::string())
              << "\n  wrote " << out << " (32-bit float WAV)\n";
    return 0;
}

// Renders with a parameter ramp delivered as sample-accurate points in the raw engine's
// IParameterChanges queues, next to a render with the parameter held at the start value.
// Fails unless the automation changes the output (i.e. it reached the plugin).
int cmdAutomate(const Args& a)
{
    if (a.positional.empty())
        fail("usage: automate <bundle> --class <name> [--param <id|name>] [--from 0] [--to 1] [--midi in.mid | --in in.wav] [--out out.wav] [--seconds 2] [--point-every 32] [--block-size 128] [--sample-rate 48000]");
    const double sr = a.num("sample-rate", 48000);
    const int bs = (int) a.integer("block-size", 128);
    const double seconds = a.num("seconds", 2.0);
    const int every = (int) std::max<long long>(1, a.integer("point-every", 32));
    const double from = a.num("from", 0.0), to = a.num("to", 1.0);
    const auto desc = pick(scan(a.positional[0]), a.str("class"));

    Audio input;
    MidiSong song;
    auto makeJob = [&](Plugin& p, RenderJob& job) {
        job.engine = "raw";
        job.frames = (int64_t) std::llround(seconds * sr);
        if (a.has("in"))
        {
            input = readWav(a.str("in"));
            job.input = &input;
        }
        else if (p.numIn() > 0 && !a.has("midi"))
        {
            writeTestWav(tempPath("automate-in.wav"), sr, seconds);
            input = readWav(tempPath("automate-in.wav"));
            job.input = &input;
        }
        if (a.has("midi"))
            song = readMidiFile(a.str("midi"), sr);
        else if (p.isInstrument())
        {
            // one held note for the whole render
            song.events.clear();
            MidiEvent on;
            on.sample = 0; on.size = 3; on.bytes[0] = 0x90; on.bytes[1] = 57; on.bytes[2] = 100;
            song.events.push_back(on);
        }
        job.midi = &song.events;
    };

    auto p = create(desc, sr, bs);
    juce::AudioProcessorParameter* param = nullptr;
    if (a.has("param"))
        param = findParam(*p, a.str("param"));
    else
    {
        for (auto* candidate : testableParams(*p))
            if (candidate->getNumSteps() == juce::AudioProcessor::getDefaultNumParameterSteps())
            {
                param = candidate;
                break;
            }
        if (param == nullptr)
            fail("no automatable continuous parameter; choose one with --param");
    }
    const V::ParamID id = paramIdOf(param);
    const int paramIndex = param->getParameterIndex();

    RenderJob job;
    makeJob(*p, job);
    std::vector<ParamPoint> points;
    for (int64_t pos = 0; pos < job.frames; pos += bs)
    {
        const int n = (int) std::min<int64_t>(bs, job.frames - pos);
        for (int off = 0; off < n; off += every)
            points.push_back({pos + off, id, from + (to - from) * (double) (pos + off) / (double) std::max<int64_t>(1, job.frames - 1)});
        if ((n - 1) % every != 0)
            points.push_back({pos + n - 1, id, from + (to - from) * (double) (pos + n - 1) / (double) std::max<int64_t>(1, job.frames - 1)});
    }
    // the parameter starts at `from`: set it (controller + processor) before the first block, then reset
    setParameter(*p, param, (float) from);
    {
        RenderJob prime;
        prime.engine = "raw";
        prime.frames = 1;
        render(*p, prime);
    }
    resetPlugin(*p);
    job.points = &points;
    RenderStats st;
    auto automated = render(*p, job, &st);
    checkFinite(automated, "automate");

    // reference: same input, parameter held at `from`
    auto q = create(desc, sr, bs);
    auto* qParam = q->inst->getParameters()[paramIndex];
    setParameter(*q, qParam, (float) from);
    {
        RenderJob prime;
        prime.engine = "raw";
        prime.frames = 1;
        render(*q, prime);
    }
    resetPlugin(*q);
    RenderJob refJob;
    makeJob(*q, refJob);
    auto reference = render(*q, refJob);

    printRenderSummary(("automate " + p->desc.name.toStdString()).c_str(), automated, st, *p);
    std::cout << "  parameter " << id << " \"" << param->getName(64) << "\" ramped " << from << " -> " << to << " with a point every "
              << every << " samples (and at every block's last sample), engine raw\n";
    std::cout << "  segment  param    text              rms(automated)  rms(held at " << from << ")\n";
    const int segments = 8;
    const size_t frames = automated.frames();
    for (int s = 0; s < segments; ++s)
    {
        const size_t f0 = frames * (size_t) s / segments, f1 = frames * (size_t) (s + 1) / segments;
        const double v = from + (to - from) * ((double) (f0 + f1) / 2.0) / (double) std::max<size_t>(1, frames - 1);
        std::cout << "  " << std::setw(7) << s << "  " << std::setw(7) << fmt(v, 3) << "  " << std::left << std::setw(16)
                  << ("\"" + param->getText((float) v, 32).toStdString() + "\"") << std::right << "  " << std::setw(14) << fmt(level(automated, f0, f1).rms)
                  << "  " << std::setw(14) << fmt(level(reference, f0, f1).rms) << "\n";
    }
    const double diff = maxDiff(automated, reference);
    std::cout << "  max |automated - held| = " << sci(diff) << "\n";
    if (a.has("out"))
    {
        writeWavFloat32(a.str("out"), automated);
        std::cout << "  wrote " << a.str("out") << "\n";
    }
    if (!(diff > 1e-6))
        fail("automation of parameter " + std::to_string(id) + " did not change the output: it did not reach the plugin");
    std::cout << "automate: OK (automation reached the plugin)\n";
    return 0;
}

// set parameters -> render from reset -> save state; fresh instance -> restore -> render from reset;
// outputs must be bit-identical.
int cmdStateRoundtrip(const Args& a)
{
    if (a.positional.empty())
        fail("usage: state-roundtrip <bundle> --class <name> [--midi in.mid] [--sample-rate 48000] [--block-size 128]");
    const double sr = a.num("sample-rate", 48000);
    const int bs = (int) a.integer("block-size", 128);
    const auto song = readMidiFile(midiArgOrTest(a), sr);
    const auto desc = pick(scan(a.positional[0]), a.str("class"));

    auto pa = create(desc, sr, bs);
    const int64_t frames = defaultRenderFrames(*pa, song.lengthSeconds);
    RenderJob job;
    job.midi = &song.events;
    job.frames = frames;
    job.engine = a.str("engine", "juce");

    // default-parameter render, for reporting whether the chosen parameters matter
    auto defaults = render(*pa, job);
    resetPlugin(*pa);

    auto params = testableParams(*pa);
    std::vector<std::pair<int, float>> changed;
    for (size_t i = 0; i < params.size() && changed.size() < 4; ++i)
    {
        auto* param = params[i];
        const int steps = param->getNumSteps();
        float v;
        if (steps != juce::AudioProcessor::getDefaultNumParameterSteps() && steps > 1)
            v = (float) (steps - 1) / (float) (steps - 1) * 1.0f; // last step
        else
            v = (float) std::fmod(0.3 + 0.618 * (double) (i + 1), 0.7) + 0.15f;
        if (std::abs(v - param->getValue()) < 1e-3f)
            v = v > 0.5f ? v - 0.25f : v + 0.25f;
        setParameter(*pa, param, v);
        changed.push_back({param->getParameterIndex(), v});
    }
    {
        RenderJob prime; // deliver the changes to the processor, then start from reset
        prime.frames = bs;
        prime.engine = job.engine;
        render(*pa, prime);
    }
    resetPlugin(*pa);
    auto outA = render(*pa, job);
    checkFinite(outA, "state-roundtrip (original)");

    juce::MemoryBlock state;
    setActivity("getStateInformation");
    pa->inst->getStateInformation(state);
    const auto compA = componentState(*pa);

    auto pb = create(desc, sr, bs);
    setActivity("setStateInformation");
    pb->inst->setStateInformation(state.getData(), (int) state.getSize());
    resetPlugin(*pb);
    auto outB = render(*pb, job);
    checkFinite(outB, "state-roundtrip (restored)");
    const auto compB = componentState(*pb);

    std::cout << "state-roundtrip " << desc.name << ": " << frames << " frames at " << sr << " Hz, block " << bs << "\n";
    for (auto& [index, v] : changed)
    {
        auto* pA = pa->inst->getParameters()[index];
        auto* pB = pb->inst->getParameters()[index];
        std::cout << "  set " << std::left << std::setw(24) << ("\"" + pA->getName(64).toStdString() + "\"") << std::right
                  << " = " << fmt(v, 4) << " (\"" << pA->getText(v, 32) << "\")   restored value " << fmt(pB->getValue(), 4) << "\n";
        if (std::abs(pB->getValue() - pA->getValue()) > 1e-6f)
            fail("parameter \"" + pA->getName(64).toStdString() + "\" not restored: " + fmt(pA->getValue()) + " vs " + fmt(pB->getValue()));
    }
    std::cout << "  state: " << state.getSize() << " bytes (JUCE VST3 state = IComponent " << compA.size()
              << " bytes + IEditController), restored IComponent state " << (compA == compB ? "identical" : "differs") << "\n";
    const double diffDefault = maxDiff(outA, defaults);
    std::cout << "  parameters change the output: " << (diffDefault > 1e-6 ? "yes" : "no") << " (max diff vs defaults " << sci(diffDefault) << ")\n";
    const double diff = maxDiff(outA, outB);
    std::cout << "  max |original - restored| = " << sci(diff) << "  peak " << fmt(level(outA).peak) << "\n";
    if (diff != 0.0)
        fail("restored instance renders differently (max diff " + sci(diff) + ")");
    std::cout << "state-roundtrip: OK (identical output)\n";
    return 0;
}

// Feeds random, truncated and bit-flipped state blobs (seeded) through JUCE's setStateInformation
// (IComponent::setState + IEditController::setComponentState/setState) and straight to
// IComponent::setState. After each, processes audio with a note and checks it is finite. At the end
// the valid state is restored and the render must equal the render before fuzzing.
int cmdFuzzState(const Args& a)
{
    if (a.positional.empty())
        fail("usage: fuzz-state <bundle> --class <name> [--count 100] [--seed 1] [--midi in.mid]");
    const int count = (int) a.integer("count", 100);
    const uint32_t seed = (uint32_t) a.integer("seed", 1);
    const double sr = a.num("sample-rate", 48000);
    const int bs = (int) a.integer("block-size", 128);
    const auto song = readMidiFile(midiArgOrTest(a), sr);
    const auto desc = pick(scan(a.positional[0]), a.str("class"));
    auto p = create(desc, sr, bs);

    RenderJob job;
    job.midi = &song.events;
    job.frames = std::min<int64_t>(defaultRenderFrames(*p, song.lengthSeconds), (int64_t) sr); // 1 s is plenty
    juce::MemoryBlock valid;
    p->inst->getStateInformation(valid);
    const auto validComp = componentState(*p);
    resetPlugin(*p);
    const auto before = render(*p, job);

    std::mt19937 rng(seed);
    auto randomBytes = [&](size_t n) {
        std::vector<uint8_t> v(n);
        for (auto& b : v) b = (uint8_t) (rng() & 0xff);
        return v;
    };
    auto wrapJuce = [&](const std::vector<uint8_t>& comp) {
        // JUCE's VST3 host state format: XML "VST3PluginState" with base64 IComponent data
        juce::XmlElement xml("VST3PluginState");
        xml.createNewChildElement("IComponent")->addTextElement(juce::MemoryBlock(comp.data(), comp.size()).toBase64Encoding());
        juce::MemoryBlock mb;
        juce::AudioProcessor::copyXmlToBinary(xml, mb);
        return mb;
    };
    const std::vector<uint8_t> validBytes((const uint8_t*) valid.getData(), (const uint8_t*) valid.getData() + valid.getSize());

    const char* kinds[] = {"random blob -> setStateInformation", "truncated host state -> setStateInformation",
                           "random component state (wrapped) -> setStateInformation", "truncated component state (wrapped) -> setStateInformation",
                           "bit-flipped component state (wrapped) -> setStateInformation", "truncated component state -> IComponent::setState",
                           "random bytes -> IComponent::setState", "empty -> IComponent::setState"};
    const int numKinds = 8;
    std::vector<int> perKind(numKinds, 0);
    juce::MidiBuffer midi;
    std::vector<std::vector<float>> scratch((size_t) std::max(p->numIn(), p->numOut()), std::vector<float>((size_t) bs));
    std::vector<float*> ptrs;
    for (auto& s : scratch) ptrs.push_back(s.data());

    for (int i = 0; i < count; ++i)
    {
        const int kind = (int) (rng() % numKinds);
        ++perKind[(size_t) kind];
        setActivity("fuzz blob " + std::to_string(i) + " (" + kinds[kind] + ")");
        switch (kind)
        {
            case 0: { auto b = randomBytes(rng() % 4096); p->inst->setStateInformation(b.data(), (int) b.size()); break; }
            case 1: { const size_t n = validBytes.empty() ? 0 : rng() % validBytes.size(); p->inst->setStateInformation(validBytes.data(), (int) n); break; }
            case 2: { auto mb = wrapJuce(randomBytes(rng() % 512)); p->inst->setStateInformation(mb.getData(), (int) mb.getSize()); break; }
            case 3: { auto c = validComp; c.resize(c.empty() ? 0 : rng() % c.size()); auto mb = wrapJuce(c); p->inst->setStateInformation(mb.getData(), (int) mb.getSize()); break; }
            case 4:
            {
                auto c = validComp;
                if (!c.empty())
                    for (int k = 0, flips = 1 + (int) (rng() % 8); k < flips; ++k)
                        c[rng() % c.size()] ^= (uint8_t) (1u << (rng() % 8));
                auto mb = wrapJuce(c);
                p->inst->setStateInformation(mb.getData(), (int) mb.getSize());
                break;
            }
            case 5: { auto c = validComp; c.resize(c.empty() ? 0 : rng() % c.size()); MemStream s(c); p->component->setState(&s); break; }
            case 6: { MemStream s(randomBytes(rng() % 256)); p->component->setState(&s); break; }
            default: { MemStream s; p->component->setState(&s); break; }
        }
        // keep producing audio: a note and a few blocks
        setActivity("processing after fuzz blob " + std::to_string(i) + " (" + kinds[kind] + ")");
        for (int b = 0; b < 4; ++b)
        {
            midi.clear();
            if (b == 0)
                midi.addEvent(juce::MidiMessage::noteOn(1, 60 + (i % 12), (juce::uint8) 100), 0);
            if (b == 3)
                midi.addEvent(juce::MidiMessage::noteOff(1, 60 + (i % 12)), 0);
            for (auto& s : scratch)
                for (int k = 0; k < bs; ++k)
                    s[(size_t) k] = p->numIn() > 0 ? 0.1f * std::sin(0.01f * (float) k) : 0.0f;
            juce::AudioBuffer<float> buffer(ptrs.data(), (int) ptrs.size(), bs);
            p->inst->processBlock(buffer, midi);
            for (int c = 0; c < p->numOut(); ++c)
                for (int k = 0; k < bs; ++k)
                    if (!std::isfinite(scratch[(size_t) c][(size_t) k]))
                        fail(std::string("non-finite output after fuzz blob ") + std::to_string(i) + " (" + kinds[kind] + ", seed " + std::to_string(seed) + ")");
        }
    }

    setActivity("restoring the valid state after fuzzing");
    p->inst->setStateInformation(valid.getData(), (int) valid.getSize());
    resetPlugin(*p);
    const auto after = render(*p, job);
    checkFinite(after, "fuzz-state (after)");
    const double diff = maxDiff(before, after);
    std::cout << "fuzz-state " << desc.name << ": " << count << " blobs, seed " << seed << "\n";
    for (int k = 0; k < numKinds; ++k)
        std::cout << "  " << std::setw(4) << perKind[(size_t) k] << "  " << kinds[k] << "\n";
    std::cout << "  survived all blobs; audio finite after each; valid state " << valid.getSize() << " bytes re-applied\n";
    std::cout << "  max |render before fuzzing - render after restoring| = " << sci(diff) << "  (peak " << fmt(level(before).peak) << ")\n";
    if (diff != 0.0)
        fail("after fuzzing and restoring the valid state, the plugin renders differently (max diff " + sci(diff) + ")");
    std::cout << "fuzz-state: OK\n";
    return 0;
}

// Full lifetimes without JUCE: dlopen -> ModuleEntry -> factory -> component/controller -> process
// two blocks -> teardown -> ModuleExit -> dlclose, `count` times in one process. Resident memory is
// read from /proc/self/statm; growth is measured from the end of the first cycle (one-time costs
// such as allocator arenas, loader caches and thread stacks are paid there) to the end.
int cmdLoadUnload(const Args& a)
{
    if (a.positional.empty())
        fail("usage: load-unload <bundle> [--class <name>] [--count 50] [--threshold-mib 8]");
    const int count = (int) a.integer("count", 50);
    if (count < 2)
        fail("--count must be at least 2");
    const double thresholdMiB = a.num("threshold-mib", 8.0);
    const auto bundle = absPath(a.positional[0]);
    const std::string className = a.str("class");
    const double mib = 1024.0 * 1024.0;

    auto* hostApp = new Steinberg::Vst::HostApplication();
    const int64_t rssStart = residentBytes();
    int64_t rssAfterFirst = rssStart;
    std::vector<std::pair<int, int64_t>> samples;
    float peak = 0.0f;
    bool stillMapped = false;
    int replacedHandlerCycle = -1;
    std::string binary, chosen;
    for (int i = 0; i < count; ++i)
    {
        {
            setActivity("load-unload cycle " + std::to_string(i) + ": loading");
            RawModule module(bundle);
            binary = module.binaryPath;
            const RawClassInfo* cls = nullptr;
            for (auto& c : module.classes)
                if (c.category == "Audio Module Class" && (className.empty() || juce::String(c.name).equalsIgnoreCase(juce::String(className))))
                {
                    cls = &c;
                    break;
                }
            if (cls == nullptr)
                fail(className.empty() ? std::string("module has no Audio Module Class") : "no audio class named \"" + className + "\"");
            chosen = cls->name;
            {
                setActivity("load-unload cycle " + std::to_string(i) + ": instantiating " + cls->name);
                RawInstance instance(module, *cls, hostApp);
                setActivity("load-unload cycle " + std::to_string(i) + ": processing");
                instance.start(48000.0, 512);
                peak = std::max(peak, instance.processBlock(512, true));
                peak = std::max(peak, instance.processBlock(512, false));
                setActivity("load-unload cycle " + std::to_string(i) + ": releasing the instance");
            }
            setActivity("load-unload cycle " + std::to_string(i) + ": unloading (ModuleExit, dlclose)");
        }
        if (reinstallCrashHandlersIfReplaced() && replacedHandlerCycle < 0)
        {
            replacedHandlerCycle = i + 1;
            std::cout << "  warning: after cycle " << i + 1 << " the process's SIGSEGV handler had been replaced by the plugin and"
                      << " not restored by ModuleExit (a handler left pointing into an unloaded module crashes the host)\n";
            std::cout.flush();
        }
        if (void* h = ::dlopen(binary.c_str(), RTLD_NOW | RTLD_NOLOAD))
        {
            stillMapped = true;
            ::dlclose(h);
        }
        const int64_t rss = residentBytes();
        if (i == 0)
            rssAfterFirst = rss;
        if (i == 0 || (i + 1) % 10 == 0 || i == count - 1)
            samples.push_back({i + 1, rss});
    }
    setActivity("idle");
    hostApp->release();
    const int64_t rssEnd = residentBytes();
    const double growth = (double) (rssEnd - rssAfterFirst) / mib;

    std::cout << "load-unload " << chosen << ": " << count << " cycles of dlopen/ModuleEntry/create/initialize/process/terminate/ModuleExit/dlclose\n";
    std::cout << "  module " << binary << "\n";
    std::cout << "  resident memory at start:          " << fmt((double) rssStart / mib, 2) << " MiB\n";
    for (auto& [cycle, rss] : samples)
        std::cout << "  after cycle " << std::setw(4) << cycle << ":                " << fmt((double) rss / mib, 2) << " MiB\n";
    std::cout << "  growth after the first cycle:      " << fmt(growth, 2) << " MiB (threshold " << fmt(thresholdMiB, 1) << " MiB)\n";
    std::cout << "  module unmapped by dlclose:        " << (stillMapped ? "no (the library stays loaded; ModuleEntry/ModuleExit were still paired each cycle)" : "yes") << "\n";
    std::cout << "  output peak over all cycles:       " << fmt(peak) << "\n";
    if (growth > thresholdMiB)
        fail("resident memory grew by " + fmt(growth, 2) + " MiB over " + std::to_string(count - 1) + " load/unload cycles (threshold " + fmt(thresholdMiB, 1) + " MiB)");
    std::cout << "load-unload: OK\n";
    return 0;
}

// =====================================================================================================
// selftest: runs the other commands as child processes of this executable (so a crash in one step is
// reported, not fatal), compares their WAV outputs, and prints a summary table.
namespace
{
struct StepResult
{
    int status = 0; // exit code, or 128+signal
    std::string log, lastError;
    double seconds = 0;
};

StepResult runSelf(const std::vector<std::string>& args, const std::string& logPath)
{
    StepResult r;
    const auto t0 = juce::Time::getMillisecondCounterHiRes();
    std::cout.flush();
    const pid_t pid = fork();
    if (pid < 0)
        fail("fork failed");
    if (pid == 0)
    {
        FILE* f = std::freopen(logPath.c_str(), "w", stdout);
        if (f == nullptr) _exit(120);
        dup2(fileno(stdout), 2);
        std::vector<char*> argv;
        static char self[] = "/proc/self/exe";
        argv.push_back(self);
        for (auto& s : args) argv.push_back(const_cast<char*>(s.c_str()));
        argv.push_back(nullptr);
        execv("/proc/self/exe", argv.data());
        _exit(121);
    }
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
    r.seconds = (juce::Time::getMillisecondCounterHiRes() - t0) / 1000.0;
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    r.log = juce::File(logPath).loadFileAsString().toStdString();
    std::istringstream lines(r.log);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("error:", 0) == 0)
            r.lastError = line.substr(7);
    if (r.status != 0 && r.lastError.empty())
        r.lastError = WIFSIGNALED(wstatus) ? "crashed with signal " + std::to_string(WTERMSIG(wstatus)) : "exit code " + std::to_string(r.status);
    return r;
}

struct Row
{
    std::string check, config, result, detail;
    double seconds = 0;
};
} // namespace

int cmdSelftest(const Args& a)
{
    if (a.positional.empty())
        fail("usage: selftest <bundle> [--class <name>] [--work-dir DIR] [--midi in.mid] [--block-sizes 1,7,64,128,1000] [--sample-rates 44100,48000,96000] [--tolerance 1e-5] [--fuzz-count 100] [--load-count 50] [--strict-automation] [--verbose]");
    const auto bundle = absPath(a.positional[0]);
    const auto blockSizes = a.integerList("block-sizes", {1, 7, 64, 128, 1000});
    const auto rates = a.integerList("sample-rates", {44100, 48000, 96000});
    const double tolerance = a.num("tolerance", 1e-5);
    const bool verbose = a.has("verbose");
    const bool strictAutomation = a.has("strict-automation");
    juce::File work(a.has("work-dir") ? absPath(a.str("work-dir")) : tempPath("selftest"));
    if (!work.createDirectory())
        fail(work.getFullPathName().toStdString() + ": cannot create work directory");
    const auto dir = work.getFullPathName().toStdString();
    const int64_t refBlock = std::find(blockSizes.begin(), blockSizes.end(), 128) != blockSizes.end() ? 128 : blockSizes.front();

    std::vector<Row> rows;
    int step = 0;
    auto run = [&](const std::string& check, const std::string& config, const std::vector<std::string>& args, bool showLog = false) {
        const auto logPath = dir + "/step" + std::to_string(++step) + ".log";
        auto r = runSelf(args, logPath);
        if (verbose || showLog || r.status != 0)
        {
            std::cout << "---- " << check << " [" << config << "]: neuralsynth-vst3-host";
            for (auto& s : args) std::cout << " " << s;
            std::cout << "\n" << r.log << (r.log.empty() || r.log.back() == '\n' ? "" : "\n");
        }
        rows.push_back({check, config, r.status == 0 ? "PASS" : "FAIL", r.status == 0 ? "" : r.lastError, r.seconds});
        return r.status == 0;
    };
    auto addRow = [&](const std::string& check, const std::string& config, bool ok, const std::string& detail, const char* okWord = "PASS") {
        rows.push_back({check, config, ok ? okWord : "FAIL", detail, 0});
    };

    // test inputs, made by this executable
    const std::string midi = a.has("midi") ? absPath(a.str("midi")) : dir + "/test.mid";
    if (!a.has("midi"))
        writeTestMidi(midi);

    // 1) list (also: the module loads and its classes are enumerable), shown in full
    run("list", "48000 Hz", {"list", bundle}, true);

    // classes to test
    std::vector<juce::PluginDescription> classes;
    {
        const auto all = scan(bundle);
        for (auto& d : all)
            if (!a.has("class") || d.name.equalsIgnoreCase(juce::String(a.str("class"))))
                classes.push_back(d);
        if (classes.empty())
            fail("no class named \"" + a.str("class") + "\"");
    }

    for (auto& desc : classes)
    {
        const std::string cls = desc.name.toStdString();
        bool isInstrument, hasInput;
        {
            auto p = create(desc, 48000, 128);
            isInstrument = p->inst->acceptsMidi();
            hasInput = p->numIn() > 0;
        }
        const std::string tag = classes.size() > 1 ? cls + ": " : "";

        auto invariance = [&](const std::string& what, const std::function<std::vector<std::string>(int64_t rate, int64_t bs, const std::string& out)>& argsFor) {
            for (auto rate : rates)
            {
                std::map<int64_t, std::string> outs;
                bool allOk = true;
                for (auto bs : blockSizes)
                {
                    const auto out = dir + "/" + what + "-" + std::to_string(rate) + "-" + std::to_string(bs) + ".wav";
                    allOk &= run(tag + what, std::to_string(rate) + " Hz, block " + std::to_string(bs), argsFor(rate, bs, out));
                    outs[bs] = out;
                }
                if (!allOk)
                {
                    addRow(tag + what + " block-size invariance", std::to_string(rate) + " Hz", false, "a render failed");
                    continue;
                }
                const auto ref = readWav(outs[refBlock]);
                double worst = 0;
                int64_t worstBs = refBlock;
                for (auto& [bs, path] : outs)
                {
                    const double d = maxDiff(ref, readWav(path));
                    if (d > worst) { worst = d; worstBs = bs; }
                }
                const Level l = level(ref);
                std::string sizes;
                for (auto bs : blockSizes) sizes += (sizes.empty() ? "" : ",") + std::to_string(bs);
                const bool silent = l.peak < 1e-4;
                addRow(tag + what + " block-size invariance", std::to_string(rate) + " Hz, blocks " + sizes, worst <= tolerance && !silent,
                       silent ? "output is silent (peak " + sci(l.peak) + ")"
                              : "max diff " + sci(worst) + (worst > 0 ? " (block " + std::to_string(worstBs) + " vs " + std::to_string(refBlock) + ")" : "") +
                                    ", peak " + fmt(l.peak, 4));
            }
        };

        if (isInstrument)
        {
            invariance("render-midi", [&](int64_t rate, int64_t bs, const std::string& out) {
                return std::vector<std::string>{"render-midi", bundle, "--class", cls, "--midi", midi, "--out", out,
                                                "--sample-rate", std::to_string(rate), "--block-size", std::to_string(bs)};
            });
            // engines agree: JUCE's processBlock vs direct IAudioProcessor::process
            const auto rawOut = dir + "/render-midi-raw.wav";
            if (run(tag + "render-midi (raw engine)", "48000 Hz, block 128",
                    {"render-midi", bundle, "--class", cls, "--midi", midi, "--out", rawOut, "--engine", "raw", "--sample-rate", "48000", "--block-size", "128"}))
            {
                const auto jucePath = dir + "/render-midi-48000-" + std::to_string(refBlock) + ".wav";
                if (juce::File(jucePath).existsAsFile())
                {
                    const double d = maxDiff(readWav(jucePath), readWav(rawOut));
                    addRow(tag + "engines agree (juce vs raw)", "48000 Hz, block " + std::to_string(refBlock), d <= tolerance, "max diff " + sci(d));
                }
            }
        }
        if (hasInput)
        {
            for (auto rate : rates)
                writeTestWav(dir + "/input-" + std::to_string(rate) + ".wav", (double) rate, 1.0);
            invariance("process-wav", [&](int64_t rate, int64_t bs, const std::string& out) {
                return std::vector<std::string>{"process-wav", bundle, "--class", cls, "--in", dir + "/input-" + std::to_string(rate) + ".wav",
                                                "--out", out, "--sample-rate", std::to_string(rate), "--block-size", std::to_string(bs)};
            });
        }

        // automation through the parameter-change queues, at two block sizes
        std::vector<std::string> autoArgs{"automate", bundle, "--class", cls};
        if (a.has("param")) { autoArgs.push_back("--param"); autoArgs.push_back(a.str("param")); }
        if (isInstrument && !hasInput) { autoArgs.push_back("--midi"); autoArgs.push_back(midi); }
        bool autoOk = true;
        for (const char* bs : {"128", "1000"})
        {
            auto args = autoArgs;
            for (auto s : {"--block-size", bs, "--out"}) args.push_back(s);
            args.push_back(dir + "/automate-" + bs + ".wav");
            autoOk &= run(tag + "automate (sample-accurate points)", std::string("48000 Hz, block ") + bs, args);
        }
        if (autoOk)
        {
            const double d = maxDiff(readWav(dir + "/automate-128.wav"), readWav(dir + "/automate-1000.wav"));
            const bool invariant = d <= tolerance;
            addRow(tag + "automation block-size invariance", "48000 Hz, blocks 128,1000", invariant || !strictAutomation,
                   "max diff " + sci(d) + (invariant ? "" : strictAutomation ? "" : " (informational: the plugin applies automation per block, not per sample; --strict-automation makes this fail)"),
                   invariant ? "PASS" : "INFO");
        }

        // state
        for (auto [rate, bs] : std::vector<std::pair<int, int>>{{48000, 128}, {44100, 7}})
            run(tag + "state-roundtrip", std::to_string(rate) + " Hz, block " + std::to_string(bs),
                {"state-roundtrip", bundle, "--class", cls, "--midi", midi, "--sample-rate", std::to_string(rate), "--block-size", std::to_string(bs)});
        run(tag + "fuzz-state", a.str("fuzz-count", "100") + " blobs, seed 1",
            {"fuzz-state", bundle, "--class", cls, "--midi", midi, "--count", a.str("fuzz-count", "100"), "--seed", "1"});
        run(tag + "load-unload", a.str("load-count", "50") + " cycles",
            {"load-unload", bundle, "--class", cls, "--count", a.str("load-count", "50")}, true);
    }

    // summary table
    size_t w0 = 5, w1 = 6;
    for (auto& r : rows) { w0 = std::max(w0, r.check.size()); w1 = std::max(w1, r.config.size()); }
    int passed = 0, failed = 0, info = 0;
    std::cout << "\nselftest summary for " << bundle << "\n";
    std::cout << std::left << std::setw((int) w0 + 2) << "check" << std::setw((int) w1 + 2) << "config" << std::setw(6) << "result"
              << std::right << std::setw(8) << "time" << "  detail\n";
    std::cout << std::string(w0 + w1 + 26, '-') << "\n";
    for (auto& r : rows)
    {
        if (r.result == "PASS") ++passed;
        else if (r.result == "FAIL") ++failed;
        else ++info;
        std::cout << std::left << std::setw((int) w0 + 2) << r.check << std::setw((int) w1 + 2) << r.config << std::setw(6) << r.result
                  << std::right << std::setw(7) << (r.seconds > 0 ? fmt(r.seconds, 2) + "s" : std::string("-")) << "  " << r.detail << "\n";
    }
    if (info)
        std::cout << "\n" << info << " informational row(s) (INFO) are neither passed nor failed";
    std::cout << "\nselftest: " << passed << " passed, " << failed << " failed\n";
    if (failed > 0)
        fail(std::to_string(failed) + " selftest check(s) failed for " + bundle);
    return 0;
}
} // namespace nshost
