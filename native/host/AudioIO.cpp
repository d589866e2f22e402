// MIDI/WAV file I/O and test-signal generators for neuralsynth-vst3-host.
#include "Common.h"

#include <juce_audio_basics/juce_audio_basics.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <unistd.h>

namespace nshost
{
MidiSong readMidiFile(const std::string& path, double sampleRate)
{
    juce::File file(juce::File::getCurrentWorkingDirectory().getChildFile(path));
    if (!file.existsAsFile())
        fail(path + ": MIDI file not found");
    juce::FileInputStream in(file);
    if (!in.openedOk())
        fail(path + ": cannot open MIDI file");
    juce::MidiFile midi;
    int format = 0;
    if (!midi.readFrom(in, true, &format))
        fail(path + ": not a valid Standard MIDI File");
    midi.convertTimestampTicksToSeconds();

    MidiSong song;
    for (int t = 0; t < midi.getNumTracks(); ++t)
    {
        const auto* track = midi.getTrack(t);
        for (const auto* holder : *track)
        {
            const auto& m = holder->message;
            if (m.isMetaEvent() || m.isSysEx())
                continue;
            const int size = m.getRawDataSize();
            if (size < 1 || size > 3)
                continue;
            const double seconds = m.getTimeStamp();
            if (!(seconds >= 0.0) || !std::isfinite(seconds))
                fail(path + ": event with invalid time");
            MidiEvent e;
            e.sample = (int64_t) std::llround(seconds * sampleRate);
            e.size = size;
            std::copy(m.getRawData(), m.getRawData() + size, e.bytes);
            song.events.push_back(e);
            song.lengthSeconds = std::max(song.lengthSeconds, seconds);
        }
    }
    // stable: keeps file order for simultaneous events (e.g. note-off before note-on of the same key)
    std::stable_sort(song.events.begin(), song.events.end(),
                     [](const MidiEvent& a, const MidiEvent& b) { return a.sample < b.sample; });
    return song;
}

Audio readWav(const std::string& path)
{
    juce::File file(juce::File::getCurrentWorkingDirectory().getChildFile(path));
    if (!file.existsAsFile())
        fail(path + ": WAV file not found");
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader(wav.createReaderFor(new juce::FileInputStream(file), true));
    if (reader == nullptr)
        fail(path + ": not a readable WAV file");
    if (reader->lengthInSamples > (juce::int64) 1 << 31 || reader->numChannels < 1 || reader->numChannels > 64)
        fail(path + ": unsupported WAV layout");
    Audio audio;
    audio.sampleRate = reader->sampleRate;
    const int n = (int) reader->lengthInSamples;
    juce::AudioBuffer<float> buffer((int) reader->numChannels, n);
    if (!reader->read(&buffer, 0, n, 0, true, true))
        fail(path + ": failed to read samples");
    audio.channels.resize(reader->numChannels);
    for (int ch = 0; ch < (int) reader->numChannels; ++ch)
        audio.channels[ch].assign(buffer.getReadPointer(ch), buffer.getReadPointer(ch) + n);
    return audio;
}

static void put16(std::string& s, uint16_t v) { s.push_back((char) (v & 0xff)); s.push_back((char) (v >> 8)); }
static void put32(std::string& s, uint32_t v) { for (int i = 0; i < 4; ++i) s.push_back((char) ((v >> (8 * i)) & 0xff)); }

// 32-bit IEEE float WAV (WAVE_FORMAT_IEEE_FLOAT with a 'fact' chunk), interleaved.
void writeWavFloat32(const std::string& path, const Audio& audio)
{
    const uint16_t channels = (uint16_t) audio.channels.size();
    const uint32_t frames = (uint32_t) audio.frames();
    const uint32_t rate = (uint32_t) std::lround(audio.sampleRate);
    const uint32_t dataBytes = frames * channels * 4u;
    std::string h;
    h += "RIFF";
    put32(h, 4 + (8 + 18) + (8 + 4) + (8 + dataBytes));
    h += "WAVE";
    h += "fmt ";
    put32(h, 18);
    put16(h, 3); // IEEE float
    put16(h, channels);
    put32(h, rate);
    put32(h, rate * channels * 4u);
    put16(h, (uint16_t) (channels * 4));
    put16(h, 32);
    put16(h, 0); // cbSize
    h += "fact";
    put32(h, 4);
    put32(h, frames);
    h += "data";
    put32(h, dataBytes);

    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        fail(path + ": cannot write WAV file");
    out.write(h.data(), (std::streamsize) h.size());
    std::vector<float> interleaved((size_t) frames * channels);
    for (uint32_t f = 0; f < frames; ++f)
        for (uint16_t c = 0; c < channels; ++c)
            interleaved[(size_t) f * channels + c] = audio.channels[c][f];
    out.write(reinterpret_cast<const char*>(interleaved.data()), (std::streamsize) (interleaved.size() * 4));
    if (!out)
        fail(path + ": write failed");
}

// A two-second type-1 file at 120 bpm: a note at t=0, a chord, overlapping and repeated notes,
// notes on two channels and odd tick positions (so events land mid-block at any block size).
void writeTestMidi(const std::string& path)
{
    juce::MidiFile file;
    file.setTicksPerQuarterNote(480);
    juce::MidiMessageSequence tempo;
    tempo.addEvent(juce::MidiMessage::tempoMetaEvent(500000), 0); // 120 bpm -> 960 ticks/s
    tempo.addEvent(juce::MidiMessage::endOfTrack(), 1920);
    file.addTrack(tempo);

    juce::MidiMessageSequence notes;
    auto note = [&](int ch, int key, int vel, double startTick, double endTick) {
        notes.addEvent(juce::MidiMessage::noteOn(ch, key, (juce::uint8) vel), startTick);
        notes.addEvent(juce::MidiMessage::noteOff(ch, key), endTick);
    };
    note(1, 60, 100, 0, 401);        // starts at sample 0
    note(1, 64, 90, 97, 533);         // overlapping
    note(1, 67, 80, 97, 533);         // chord
    note(2, 72, 70, 251, 877);        // second channel
    note(1, 60, 110, 503, 701);       // re-trigger of a released key
    note(1, 48, 127, 777, 1311);
    note(1, 55, 64, 1013, 1409);
    note(2, 79, 50, 1013, 1187);      // simultaneous start with previous
    note(1, 62, 100, 1187, 1500);     // starts exactly when another ends
    notes.updateMatchedPairs();
    notes.sort();
    notes.addEvent(juce::MidiMessage::endOfTrack(), 1920);
    file.addTrack(notes);

    juce::File f(juce::File::getCurrentWorkingDirectory().getChildFile(path));
    f.deleteFile();
    juce::FileOutputStream out(f);
    if (!out.openedOk() || !file.writeTo(out, 1))
        fail(path + ": cannot write MIDI file");
}

void writeTestWav(const std::string& path, double sampleRate, double seconds)
{
    Audio a;
    a.sampleRate = sampleRate;
    const size_t n = (size_t) std::llround(seconds * sampleRate);
    a.channels.assign(2, std::vector<float>(n));
    std::mt19937 rng(1234);
    std::uniform_real_distribution<float> noise(-0.05f, 0.05f);
    for (size_t i = 0; i < n; ++i)
    {
        const double t = (double) i / sampleRate;
        a.channels[0][i] = (float) (0.5 * std::sin(2.0 * M_PI * 220.0 * t)) + noise(rng);
        a.channels[1][i] = (float) (0.4 * std::sin(2.0 * M_PI * 331.0 * t)) + noise(rng);
    }
    writeWavFloat32(path, a);
}

int64_t residentBytes()
{
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (f == nullptr)
        fail("cannot read /proc/self/statm");
    long long size = 0, resident = 0;
    const int got = std::fscanf(f, "%lld %lld", &size, &resident);
    std::fclose(f);
    if (got != 2)
        fail("cannot parse /proc/self/statm");
    return (int64_t) resident * (int64_t) sysconf(_SC_PAGESIZE);
}
} // namespace nshost
