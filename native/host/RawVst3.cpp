#include "RawVst3.h"

#include "Common.h"

#include <pluginterfaces/vst/vstspeaker.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <dirent.h>
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/utsname.h>

using namespace Steinberg;

namespace nshost
{
// ---- MemStream ---------------------------------------------------------------------------------
tresult PLUGIN_API MemStream::read(void* buffer, int32 numBytes, int32* numBytesRead)
{
    if (numBytes < 0 || (buffer == nullptr && numBytes > 0))
        return kInvalidArgument;
    const int64_t available = std::max<int64_t>(0, (int64_t) data.size() - position);
    const int32 n = (int32) std::min<int64_t>(available, numBytes);
    if (n > 0)
        std::memcpy(buffer, data.data() + position, (size_t) n);
    position += n;
    if (numBytesRead != nullptr)
        *numBytesRead = n;
    return kResultOk;
}

tresult PLUGIN_API MemStream::write(void* buffer, int32 numBytes, int32* numBytesWritten)
{
    if (numBytes < 0 || (buffer == nullptr && numBytes > 0))
        return kInvalidArgument;
    if (position + numBytes > (int64_t) data.size())
        data.resize((size_t) (position + numBytes));
    if (numBytes > 0)
        std::memcpy(data.data() + position, buffer, (size_t) numBytes);
    position += numBytes;
    if (numBytesWritten != nullptr)
        *numBytesWritten = numBytes;
    return kResultOk;
}

tresult PLUGIN_API MemStream::seek(int64 pos, int32 mode, int64* result)
{
    int64_t base = 0;
    if (mode == kIBSeekCur) base = position;
    else if (mode == kIBSeekEnd) base = (int64_t) data.size();
    else if (mode != kIBSeekSet) return kInvalidArgument;
    const int64_t target = base + pos;
    if (target < 0)
        return kInvalidArgument;
    position = target;
    if (result != nullptr)
        *result = position;
    return kResultOk;
}

tresult PLUGIN_API MemStream::tell(int64* pos)
{
    if (pos == nullptr)
        return kInvalidArgument;
    *pos = position;
    return kResultOk;
}

// ---- EventList / ParamChanges ------------------------------------------------------------------
tresult PLUGIN_API EventList::getEvent(int32 index, V::Event& e)
{
    if (index < 0 || index >= (int32) events.size())
        return kInvalidArgument;
    e = events[(size_t) index];
    return kResultOk;
}

tresult PLUGIN_API EventList::addEvent(V::Event& e)
{
    events.push_back(e);
    return kResultOk;
}

tresult PLUGIN_API ParamQueue::getPoint(int32 index, int32& sampleOffset, V::ParamValue& value)
{
    if (index < 0 || index >= (int32) points.size())
        return kInvalidArgument;
    sampleOffset = points[(size_t) index].first;
    value = points[(size_t) index].second;
    return kResultOk;
}

tresult PLUGIN_API ParamQueue::addPoint(int32 sampleOffset, V::ParamValue value, int32& index)
{
    // keep points sorted by offset; a point at an existing offset replaces it
    auto it = std::lower_bound(points.begin(), points.end(), sampleOffset,
                               [](const auto& p, int32 off) { return p.first < off; });
    if (it != points.end() && it->first == sampleOffset)
        it->second = value;
    else
        it = points.insert(it, {sampleOffset, value});
    index = (int32) (it - points.begin());
    return kResultOk;
}

V::IParamValueQueue* PLUGIN_API ParamChanges::getParameterData(int32 index)
{
    if (index < 0 || index >= (int32) used)
        return nullptr;
    return queues[(size_t) index].get();
}

V::IParamValueQueue* PLUGIN_API ParamChanges::addParameterData(const V::ParamID& id, int32& index)
{
    for (size_t i = 0; i < used; ++i)
        if (queues[i]->id == id)
        {
            index = (int32) i;
            return queues[i].get();
        }
    if (used == queues.size())
        queues.push_back(std::make_unique<ParamQueue>());
    auto* q = queues[used].get();
    q->id = id;
    q->points.clear();
    index = (int32) used++;
    return q;
}

void ParamChanges::addPoint(V::ParamID id, int offset, double value)
{
    int32 index = 0;
    auto* q = addParameterData(id, index);
    q->addPoint(offset, value, index);
}

// ---- helpers -----------------------------------------------------------------------------------
std::string hexTuid(const TUID tuid)
{
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (int i = 0; i < 16; ++i)
    {
        const auto b = (unsigned char) tuid[i];
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 15]);
    }
    return s;
}

std::string speakerArrangementName(V::SpeakerArrangement arr)
{
    const int n = V::SpeakerArr::getChannelCount(arr);
    if (arr == V::SpeakerArr::kMono) return "mono";
    if (arr == V::SpeakerArr::kStereo) return "stereo";
    if (arr == V::SpeakerArr::kEmpty) return "empty";
    return std::to_string(n) + "ch (0x" + [&] { char b[32]; std::snprintf(b, sizeof b, "%llx", (unsigned long long) arr); return std::string(b); }() + ")";
}

static bool isDirectory(const std::string& p)
{
    struct stat st{};
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

static bool isFile(const std::string& p)
{
    struct stat st{};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string moduleBinaryPath(const std::string& bundleIn)
{
    std::string bundle = bundleIn;
    while (bundle.size() > 1 && bundle.back() == '/')
        bundle.pop_back();
    if (isFile(bundle))
        return bundle;
    if (!isDirectory(bundle))
        fail(bundleIn + ": no such VST3 bundle");
    struct utsname u{};
    uname(&u);
    const std::string dir = bundle + "/Contents/" + u.machine + "-linux";
    auto slash = bundle.find_last_of('/');
    std::string stem = slash == std::string::npos ? bundle : bundle.substr(slash + 1);
    if (stem.size() > 5 && stem.substr(stem.size() - 5) == ".vst3")
        stem.resize(stem.size() - 5);
    const std::string preferred = dir + "/" + stem + ".so";
    if (isFile(preferred))
        return preferred;
    if (DIR* d = ::opendir(dir.c_str()))
    {
        std::string found;
        while (auto* ent = ::readdir(d))
        {
            std::string n = ent->d_name;
            if (n.size() > 3 && n.substr(n.size() - 3) == ".so")
                found = dir + "/" + n;
        }
        ::closedir(d);
        if (!found.empty())
            return found;
    }
    fail(bundleIn + ": bundle has no " + std::string(u.machine) + "-linux shared object (expected " + preferred + ")");
}

// ---- RawModule ---------------------------------------------------------------------------------
RawModule::RawModule(const std::string& bundle)
{
    binaryPath = moduleBinaryPath(bundle);
    handle = ::dlopen(binaryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
        fail(binaryPath + ": dlopen failed: " + std::string(::dlerror()));

    using EntryFn = bool (*)(void*);
    using FactoryFn = IPluginFactory* (*)();
    if (auto entry = (EntryFn) ::dlsym(handle, "ModuleEntry"))
    {
        if (!entry(handle))
        {
            ::dlclose(handle);
            handle = nullptr;
            fail(binaryPath + ": ModuleEntry returned false");
        }
    }
    else
    {
        ::dlclose(handle);
        handle = nullptr;
        fail(binaryPath + ": does not export ModuleEntry (required on Linux)");
    }
    if (::dlsym(handle, "ModuleExit") == nullptr)
    {
        ::dlclose(handle);
        handle = nullptr;
        fail(binaryPath + ": does not export ModuleExit (required on Linux)");
    }
    auto getFactory = (FactoryFn) ::dlsym(handle, "GetPluginFactory");
    if (getFactory == nullptr || (factory = getFactory()) == nullptr)
    {
        close();
        fail(binaryPath + ": GetPluginFactory missing or returned null");
    }

    PFactoryInfo fi;
    if (factory->getFactoryInfo(&fi) == kResultOk)
    {
        vendor = fi.vendor;
        url = fi.url;
        email = fi.email;
    }

    IPluginFactory2* f2 = nullptr;
    IPluginFactory3* f3 = nullptr;
    factory->queryInterface(IPluginFactory2::iid, (void**) &f2);
    factory->queryInterface(IPluginFactory3::iid, (void**) &f3);
    const int32 n = factory->countClasses();
    for (int32 i = 0; i < n; ++i)
    {
        RawClassInfo c;
        PClassInfo2 i2;
        PClassInfoW iw;
        PClassInfo i1;
        if (f3 != nullptr && f3->getClassInfoUnicode(i, &iw) == kResultOk)
        {
            std::memcpy(c.tuid, iw.cid, sizeof(TUID));
            c.category = iw.category;
            std::string name;
            for (int k = 0; k < PClassInfo::kNameSize && iw.name[k] != 0; ++k)
                name.push_back(iw.name[k] < 128 ? (char) iw.name[k] : '?');
            c.name = name;
            c.subCategories = iw.subCategories;
            std::string v;
            for (int k = 0; k < PClassInfo2::kVendorSize && iw.vendor[k] != 0; ++k) v.push_back(iw.vendor[k] < 128 ? (char) iw.vendor[k] : '?');
            c.vendor = v;
            v.clear();
            for (int k = 0; k < PClassInfo2::kVersionSize && iw.version[k] != 0; ++k) v.push_back(iw.version[k] < 128 ? (char) iw.version[k] : '?');
            c.version = v;
            v.clear();
            for (int k = 0; k < PClassInfo2::kVersionSize && iw.sdkVersion[k] != 0; ++k) v.push_back(iw.sdkVersion[k] < 128 ? (char) iw.sdkVersion[k] : '?');
            c.sdkVersion = v;
        }
        else if (f2 != nullptr && f2->getClassInfo2(i, &i2) == kResultOk)
        {
            std::memcpy(c.tuid, i2.cid, sizeof(TUID));
            c.category = i2.category;
            c.name = i2.name;
            c.subCategories = i2.subCategories;
            c.vendor = i2.vendor;
            c.version = i2.version;
            c.sdkVersion = i2.sdkVersion;
        }
        else if (factory->getClassInfo(i, &i1) == kResultOk)
        {
            std::memcpy(c.tuid, i1.cid, sizeof(TUID));
            c.category = i1.category;
            c.name = i1.name;
        }
        else
        {
            if (f2 != nullptr) f2->release();
            if (f3 != nullptr) f3->release();
            close();
            fail(binaryPath + ": getClassInfo(" + std::to_string(i) + ") failed");
        }
        c.cid = hexTuid(c.tuid);
        classes.push_back(c);
    }
    if (f2 != nullptr) f2->release();
    if (f3 != nullptr) f3->release();
}

RawModule::~RawModule() { close(); }

void RawModule::close()
{
    if (factory != nullptr)
        factory->release();
    factory = nullptr;
    if (handle != nullptr)
    {
        using ExitFn = bool (*)();
        if (auto exitFn = (ExitFn) ::dlsym(handle, "ModuleExit"))
            exitFn();
        ::dlclose(handle);
        handle = nullptr;
    }
}

// ---- RawInstance -------------------------------------------------------------------------------
RawInstance::RawInstance(RawModule& module, const RawClassInfo& cls, FUnknown* hostContext)
{
    if (module.factory->createInstance(cls.tuid, V::IComponent::iid, (void**) &component) != kResultOk || component == nullptr)
        fail("createInstance(IComponent) failed for class " + cls.name);
    if (component->initialize(hostContext) != kResultOk)
        fail("IComponent::initialize failed for class " + cls.name);

    if (component->queryInterface(V::IEditController::iid, (void**) &controller) == kResultOk && controller != nullptr)
        controllerIsComponent = true;
    else
    {
        controller = nullptr;
        TUID ccid{};
        if (component->getControllerClassId(ccid) == kResultOk)
        {
            if (module.factory->createInstance(ccid, V::IEditController::iid, (void**) &controller) != kResultOk)
                controller = nullptr;
            if (controller != nullptr && controller->initialize(hostContext) != kResultOk)
                fail("IEditController::initialize failed for class " + cls.name);
        }
    }
    if (controller != nullptr && !controllerIsComponent)
    {
        component->queryInterface(V::IConnectionPoint::iid, (void**) &componentCP);
        controller->queryInterface(V::IConnectionPoint::iid, (void**) &controllerCP);
        if (componentCP != nullptr && controllerCP != nullptr)
        {
            componentCP->connect(controllerCP);
            controllerCP->connect(componentCP);
        }
    }
    if (controller != nullptr)
    {
        MemStream s;
        if (component->getState(&s) == kResultOk)
        {
            s.position = 0;
            controller->setComponentState(&s);
        }
    }
    if (component->queryInterface(V::IAudioProcessor::iid, (void**) &processor) != kResultOk || processor == nullptr)
        fail("class " + cls.name + " does not implement IAudioProcessor");
}

void RawInstance::start(double rate, int blockSize)
{
    sampleRate = rate;
    V::ProcessSetup setup{V::kRealtime, V::kSample32, blockSize, rate};
    if (processor->canProcessSampleSize(V::kSample32) != kResultTrue)
        fail("plugin cannot process 32-bit float samples");
    if (processor->setupProcessing(setup) != kResultOk)
        fail("IAudioProcessor::setupProcessing failed");
    inChannels.clear();
    outChannels.clear();
    for (int dir = 0; dir < 2; ++dir)
    {
        const auto direction = dir == 0 ? V::kInput : V::kOutput;
        const int32 n = component->getBusCount(V::kAudio, direction);
        for (int32 b = 0; b < n; ++b)
        {
            V::BusInfo info{};
            component->getBusInfo(V::kAudio, direction, b, info);
            V::SpeakerArrangement arr = 0;
            processor->getBusArrangement(direction, b, arr);
            const bool on = (info.flags & V::BusInfo::kDefaultActive) != 0;
            component->activateBus(V::kAudio, direction, b, on);
            (dir == 0 ? inChannels : outChannels).push_back(on ? V::SpeakerArr::getChannelCount(arr) : -V::SpeakerArr::getChannelCount(arr));
        }
    }
    const int32 nEvents = component->getBusCount(V::kEvent, V::kInput);
    for (int32 b = 0; b < nEvents; ++b)
        component->activateBus(V::kEvent, V::kInput, b, true);
    if (component->setActive(true) != kResultOk)
        fail("IComponent::setActive(true) failed");
    active = true;
    processor->setProcessing(true); // kNotImplemented is allowed
    processing = true;
    size_t total = 0;
    for (int c : inChannels) total += (size_t) std::abs(c);
    for (int c : outChannels) total += (size_t) std::abs(c);
    scratch.assign(total, std::vector<float>((size_t) blockSize, 0.0f));
    position = 0;
}

float RawInstance::processBlock(int numSamples, bool noteOn)
{
    std::vector<V::AudioBusBuffers> ins(inChannels.size()), outs(outChannels.size());
    std::vector<std::vector<float*>> ptrs;
    size_t next = 0;
    auto wire = [&](std::vector<V::AudioBusBuffers>& buses, const std::vector<int>& channels, bool input) {
        for (size_t b = 0; b < channels.size(); ++b)
        {
            const int n = std::abs(channels[b]);
            ptrs.emplace_back();
            for (int c = 0; c < n; ++c)
            {
                auto& buf = scratch[next++];
                std::fill(buf.begin(), buf.begin() + numSamples, 0.0f);
                if (input && channels[b] > 0)
                    for (int i = 0; i < numSamples; ++i)
                        buf[(size_t) i] = 0.1f * (float) std::sin(0.05 * (double) (position + i));
                ptrs.back().push_back(buf.data());
            }
        }
    };
    ptrs.reserve(inChannels.size() + outChannels.size());
    wire(ins, inChannels, true);
    wire(outs, outChannels, false);
    for (size_t b = 0; b < ins.size(); ++b)
    {
        ins[b].numChannels = std::abs(inChannels[b]);
        ins[b].channelBuffers32 = ptrs[b].data();
        ins[b].silenceFlags = inChannels[b] > 0 ? 0 : ~0ull;
    }
    for (size_t b = 0; b < outs.size(); ++b)
    {
        outs[b].numChannels = std::abs(outChannels[b]);
        outs[b].channelBuffers32 = ptrs[ins.size() + b].data();
    }

    EventList events, outEvents;
    if (noteOn)
    {
        V::Event e{};
        e.busIndex = 0;
        e.sampleOffset = 0;
        e.type = V::Event::kNoteOnEvent;
        e.noteOn.channel = 0;
        e.noteOn.pitch = 60;
        e.noteOn.velocity = 0.8f;
        e.noteOn.noteId = -1;
        events.events.push_back(e);
    }
    ParamChanges inParams, outParams;
    V::ProcessContext ctx{};
    ctx.state = V::ProcessContext::kPlaying | V::ProcessContext::kTempoValid;
    ctx.sampleRate = sampleRate;
    ctx.projectTimeSamples = position;
    ctx.tempo = 120.0;

    V::ProcessData data;
    data.processMode = V::kRealtime;
    data.symbolicSampleSize = V::kSample32;
    data.numSamples = numSamples;
    data.numInputs = (int32) ins.size();
    data.numOutputs = (int32) outs.size();
    data.inputs = ins.empty() ? nullptr : ins.data();
    data.outputs = outs.empty() ? nullptr : outs.data();
    data.inputParameterChanges = &inParams;
    data.outputParameterChanges = &outParams;
    data.inputEvents = &events;
    data.outputEvents = &outEvents;
    data.processContext = &ctx;
    if (processor->process(data) != kResultOk)
        fail("IAudioProcessor::process returned an error");
    position += numSamples;

    float peak = 0.0f;
    for (size_t b = 0; b < outs.size(); ++b)
        if (outChannels[b] > 0)
            for (int c = 0; c < outChannels[b]; ++c)
                for (int i = 0; i < numSamples; ++i)
                {
                    const float v = ptrs[ins.size() + b][(size_t) c][i];
                    if (!std::isfinite(v))
                        fail("plugin produced a non-finite sample");
                    peak = std::max(peak, std::abs(v));
                }
    return peak;
}

void RawInstance::stop()
{
    if (processing)
        processor->setProcessing(false);
    processing = false;
    if (active)
        component->setActive(false);
    active = false;
}

RawInstance::~RawInstance()
{
    stop();
    if (componentCP != nullptr && controllerCP != nullptr)
    {
        componentCP->disconnect(controllerCP);
        controllerCP->disconnect(componentCP);
    }
    if (componentCP != nullptr) componentCP->release();
    if (controllerCP != nullptr) controllerCP->release();
    if (processor != nullptr) processor->release();
    if (controller != nullptr)
    {
        if (!controllerIsComponent)
            controller->terminate();
        controller->release();
    }
    if (component != nullptr)
    {
        component->terminate();
        component->release();
    }
}
} // namespace nshost
