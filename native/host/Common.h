// Shared declarations for neuralsynth-vst3-host.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace nshost
{
// Any failure: main() prints "error: <what>" on one line to stderr and exits 1.
struct HostError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& message);

// What the host is doing right now; printed if the plugin crashes the process.
void setActivity(const std::string& what);

// True (and puts the host's handlers back) when something, e.g. a plugin's runtime, replaced the
// host's SIGSEGV handler.
bool reinstallCrashHandlersIfReplaced();

// ---- command line ------------------------------------------------------------------------------
struct Args
{
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--name value" (flags get "1")

    bool has(const std::string& name) const { return options.count(name) != 0; }
    std::string str(const std::string& name, const std::string& fallback = {}) const;
    std::string required(const std::string& name) const;
    double num(const std::string& name, double fallback) const;
    long long integer(const std::string& name, long long fallback) const;
    std::vector<long long> integerList(const std::string& name, const std::vector<long long>& fallback) const;
};

// ---- audio / MIDI files --------------------------------------------------------------------------
struct MidiEvent
{
    int64_t sample = 0; // absolute sample position
    uint8_t bytes[3] = {0, 0, 0};
    int size = 0;
};

struct Audio
{
    double sampleRate = 48000.0;
    std::vector<std::vector<float>> channels; // [channel][frame]
    size_t frames() const { return channels.empty() ? 0 : channels[0].size(); }
};

struct MidiSong
{
    std::vector<MidiEvent> events; // sorted by sample
    double lengthSeconds = 0.0;    // time of the last event
};

MidiSong readMidiFile(const std::string& path, double sampleRate);
Audio readWav(const std::string& path);
void writeWavFloat32(const std::string& path, const Audio& audio);
void writeTestMidi(const std::string& path);              // chords, overlapping notes, note at t=0
void writeTestWav(const std::string& path, double sampleRate, double seconds); // stereo sine + noise

// ---- resident memory ---------------------------------------------------------------------------
int64_t residentBytes();

// ---- commands ----------------------------------------------------------------------------------
int cmdList(const Args&);
int cmdRenderMidi(const Args&);
int cmdProcessWav(const Args&);
int cmdAutomate(const Args&);
int cmdStateRoundtrip(const Args&);
int cmdFuzzState(const Args&);
int cmdLoadUnload(const Args&);
int cmdSelftest(const Args&);
int cmdEditor(const Args&); // EditorCommand.cpp
} // namespace nshost
