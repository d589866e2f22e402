// ProofSynth: a tiny VST3 instrument + effect used to prove neuralsynth-vst3-host.
//
//   out[ch] = smoothedGain * (in[ch] + sum of voices)
//
// Everything (MIDI handling, envelopes, gain smoothing) advances one sample at a time and MIDI events
// are applied at their exact sample offset, so the output does not depend on the host's block size.
// Parameters: gain (continuous), waveform (2-step choice), release (ms). State: a 20-byte chunk
// "PSY1", version, gain, waveform, release. Malformed state is ignored (the fuzz test relies on it).

#include <juce_audio_processors/juce_audio_processors.h>

#include <array>
#include <cmath>

namespace
{
constexpr int kNumVoices = 16;
constexpr juce::uint32 kStateMagic = 0x31595350; // "PSY1" little-endian
constexpr int kStateVersion = 1;
constexpr double kAttackSeconds = 0.002;
constexpr float kGainSmoothingPerSample = 0.002f; // one-pole coefficient, per sample

struct Voice
{
    int note = -1;
    int channel = 0;
    double phase = 0.0; // cycles, [0,1)
    double increment = 0.0;
    float velocity = 0.0f;
    float envelope = 0.0f;
    bool releasing = false;
    juce::int64 startedAt = 0;
};
} // namespace

class ProofSynthProcessor final : public juce::AudioProcessor
{
public:
    ProofSynthProcessor()
        : AudioProcessor(BusesProperties()
                             .withInput("Input", juce::AudioChannelSet::stereo(), true)
                             .withOutput("Output", juce::AudioChannelSet::stereo(), true))
    {
        addParameter(gain = new juce::AudioParameterFloat(juce::ParameterID{"gain", 1}, "Gain",
                                                          juce::NormalisableRange<float>(0.0f, 1.0f), 0.5f,
                                                          juce::AudioParameterFloatAttributes().withLabel("x")));
        addParameter(waveform = new juce::AudioParameterChoice(juce::ParameterID{"waveform", 1}, "Waveform",
                                                               juce::StringArray{"Sine", "Triangle"}, 0));
        addParameter(release = new juce::AudioParameterFloat(juce::ParameterID{"release", 1}, "Release",
                                                             juce::NormalisableRange<float>(1.0f, 500.0f), 50.0f,
                                                             juce::AudioParameterFloatAttributes().withLabel("ms")));
    }

    const juce::String getName() const override { return "ProofSynth"; }
    bool acceptsMidi() const override { return true; }
    bool producesMidi() const override { return false; }
    bool isMidiEffect() const override { return false; }
    double getTailLengthSeconds() const override { return 0.5; }

    int getNumPrograms() override { return 1; }
    int getCurrentProgram() override { return 0; }
    void setCurrentProgram(int) override {}
    const juce::String getProgramName(int) override { return "Default"; }
    void changeProgramName(int, const juce::String&) override {}

    bool hasEditor() const override { return false; }
    juce::AudioProcessorEditor* createEditor() override { return nullptr; }

    bool isBusesLayoutSupported(const BusesLayout& layouts) const override
    {
        const auto out = layouts.getMainOutputChannelSet();
        if (out != juce::AudioChannelSet::mono() && out != juce::AudioChannelSet::stereo())
            return false;
        const auto in = layouts.getMainInputChannelSet();
        return in.isDisabled() || in == out;
    }

    void prepareToPlay(double newSampleRate, int) override
    {
        sampleRate = newSampleRate;
        resetState();
    }

    void releaseResources() override {}
    void reset() override { resetState(); }

    void processBlock(juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override
    {
        const int numSamples = buffer.getNumSamples();
        const int numIn = getTotalNumInputChannels();
        const int numOut = getTotalNumOutputChannels();
        for (int ch = numIn; ch < buffer.getNumChannels(); ++ch)
            buffer.clear(ch, 0, numSamples);

        int pos = 0;
        for (const auto metadata : midi)
        {
            const int at = juce::jlimit(0, numSamples, metadata.samplePosition);
            render(buffer, numIn, numOut, pos, at);
            pos = at;
            handleMidi(metadata.getMessage());
        }
        render(buffer, numIn, numOut, pos, numSamples);
    }

    void getStateInformation(juce::MemoryBlock& dest) override
    {
        juce::MemoryOutputStream out(dest, false);
        out.writeInt((int) kStateMagic);
        out.writeInt(kStateVersion);
        out.writeFloat(gain->get());
        out.writeInt(waveform->getIndex());
        out.writeFloat(release->get());
    }

    void setStateInformation(const void* data, int size) override
    {
        if (data == nullptr || size != 20)
            return;
        juce::MemoryInputStream in(data, (size_t) size, false);
        if ((juce::uint32) in.readInt() != kStateMagic || in.readInt() != kStateVersion)
            return;
        const float g = in.readFloat();
        const int w = in.readInt();
        const float r = in.readFloat();
        if (!std::isfinite(g) || !std::isfinite(r) || g < 0.0f || g > 1.0f || w < 0 || w > 1 || r < 1.0f || r > 500.0f)
            return;
        *gain = g;
        *waveform = w;
        *release = r;
    }

private:
    void resetState()
    {
        voices = {};
        smoothedGain = gain->get();
        sampleCounter = 0;
    }

    void handleMidi(const juce::MidiMessage& m)
    {
        if (m.isNoteOn())
        {
            Voice* v = nullptr;
            for (auto& candidate : voices)
                if (candidate.note < 0) { v = &candidate; break; }
            if (v == nullptr) // steal the oldest
            {
                v = &voices[0];
                for (auto& candidate : voices)
                    if (candidate.startedAt < v->startedAt)
                        v = &candidate;
            }
            *v = Voice{};
            v->note = m.getNoteNumber();
            v->channel = m.getChannel();
            v->increment = 440.0 * std::pow(2.0, (v->note - 69) / 12.0) / sampleRate;
            v->velocity = m.getFloatVelocity();
            v->startedAt = sampleCounter;
        }
        else if (m.isNoteOff())
        {
            for (auto& v : voices)
                if (v.note == m.getNoteNumber() && v.channel == m.getChannel() && !v.releasing)
                    v.releasing = true;
        }
        else if (m.isAllNotesOff() || m.isAllSoundOff())
        {
            for (auto& v : voices)
                v.releasing = v.note >= 0;
        }
    }

    void render(juce::AudioBuffer<float>& buffer, int numIn, int numOut, int from, int to)
    {
        const float target = gain->get();
        const bool triangle = waveform->getIndex() == 1;
        const float attackStep = (float) (1.0 / (kAttackSeconds * sampleRate));
        const float releaseStep = (float) (1.0 / (release->get() * 0.001 * sampleRate));

        for (int i = from; i < to; ++i)
        {
            float sum = 0.0f;
            for (auto& v : voices)
            {
                if (v.note < 0)
                    continue;
                if (v.releasing)
                {
                    v.envelope -= releaseStep;
                    if (v.envelope <= 0.0f) { v = Voice{}; continue; }
                }
                else if (v.envelope < 1.0f)
                    v.envelope = std::min(1.0f, v.envelope + attackStep);

                const double p = v.phase;
                const float osc = triangle ? (float) (4.0 * std::abs(p - 0.5) - 1.0)
                                           : (float) std::sin(2.0 * juce::MathConstants<double>::pi * p);
                sum += 0.25f * v.velocity * v.envelope * osc;
                v.phase += v.increment;
                if (v.phase >= 1.0) v.phase -= 1.0;
            }

            smoothedGain += kGainSmoothingPerSample * (target - smoothedGain);
            for (int ch = 0; ch < numOut; ++ch)
            {
                const float in = ch < numIn ? buffer.getSample(ch, i) : 0.0f;
                buffer.setSample(ch, i, smoothedGain * (in + sum));
            }
            ++sampleCounter;
        }
    }

    juce::AudioParameterFloat* gain = nullptr;
    juce::AudioParameterChoice* waveform = nullptr;
    juce::AudioParameterFloat* release = nullptr;

    std::array<Voice, kNumVoices> voices{};
    double sampleRate = 48000.0;
    float smoothedGain = 0.5f;
    juce::int64 sampleCounter = 0;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR(ProofSynthProcessor)
};

juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new ProofSynthProcessor();
}
