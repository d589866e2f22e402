// neuralsynth-vst3-host: a headless VST3 test host (see native/README.md).
#include "Common.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace nshost
{
[[noreturn]] void fail(const std::string& message) { throw HostError(message); }

namespace
{
char activity[512] = "starting";
void installCrashHandlers();

void onCrash(int sig)
{
    const char* name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : sig == SIGILL ? "SIGILL" : sig == SIGABRT ? "SIGABRT" : "signal";
    char msg[700];
    const int n = std::snprintf(msg, sizeof msg, "error: crashed (%s) while %s\n", name, activity);
    if (n > 0)
        (void) !::write(2, msg, (size_t) std::min<int>(n, (int) sizeof msg - 1));
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

} // namespace

bool reinstallCrashHandlersIfReplaced()
{
    struct sigaction current{};
    sigaction(SIGSEGV, nullptr, &current);
    if (current.sa_handler == onCrash)
        return false;
    installCrashHandlers();
    return true;
}

namespace
{
void installCrashHandlers()
{
    static std::vector<char> altStack(1 << 16);
    stack_t ss{};
    ss.ss_sp = altStack.data();
    ss.ss_size = altStack.size();
    sigaltstack(&ss, nullptr);
    struct sigaction sa{};
    sa.sa_handler = onCrash;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        sigaction(sig, &sa, nullptr);
}
} // namespace

void setActivity(const std::string& what)
{
    std::snprintf(activity, sizeof activity, "%s", what.c_str());
}

std::string Args::str(const std::string& name, const std::string& fallback) const
{
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

std::string Args::required(const std::string& name) const
{
    auto it = options.find(name);
    if (it == options.end() || it->second.empty())
        fail(command + ": missing --" + name);
    return it->second;
}

double Args::num(const std::string& name, double fallback) const
{
    auto it = options.find(name);
    if (it == options.end())
        return fallback;
    try
    {
        size_t used = 0;
        const double v = std::stod(it->second, &used);
        if (used != it->second.size())
            throw std::invalid_argument("trailing");
        return v;
    }
    catch (const std::exception&)
    {
        fail("--" + name + ": not a number: " + it->second);
    }
}

long long Args::integer(const std::string& name, long long fallback) const
{
    auto it = options.find(name);
    if (it == options.end())
        return fallback;
    try
    {
        size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used != it->second.size())
            throw std::invalid_argument("trailing");
        return v;
    }
    catch (const std::exception&)
    {
        fail("--" + name + ": not an integer: " + it->second);
    }
}

std::vector<long long> Args::integerList(const std::string& name, const std::vector<long long>& fallback) const
{
    auto it = options.find(name);
    if (it == options.end())
        return fallback;
    std::vector<long long> out;
    std::stringstream ss(it->second);
    for (std::string item; std::getline(ss, item, ',');)
    {
        try { out.push_back(std::stoll(item)); }
        catch (const std::exception&) { fail("--" + name + ": not a list of integers: " + it->second); }
        if (out.back() < 1)
            fail("--" + name + ": values must be positive");
    }
    if (out.empty())
        fail("--" + name + ": empty list");
    return out;
}
} // namespace nshost

namespace
{
const char* kUsage =
    "usage: neuralsynth-vst3-host <command> ...\n"
    "  list <bundle.vst3> [--class NAME]                  classes, parameters, buses, latency, tail\n"
    "  render-midi <bundle> --class NAME (--midi IN.mid | --seconds N) --out OUT.wav [--sample-rate 48000] [--block-size 128] [--engine juce|raw]\n"
    "              [--set ID|NAME=VALUE,...] (normalized, before the first block) [--offline] (processMode kOffline, a bounce)\n"
    "  process-wav <bundle> --class NAME --in IN.wav --out OUT.wav [--sample-rate N] [--block-size 128] [--tail S] [--engine juce|raw]\n"
    "              [--set ID|NAME=VALUE,...] (normalized, before the first block) [--offline] (processMode kOffline)\n"
    "  automate <bundle> --class NAME [--param ID|NAME] [--from 0] [--to 1] [--midi IN.mid | --in IN.wav] [--out OUT.wav] [--seconds 2] [--point-every 32]\n"
    "  state-roundtrip <bundle> --class NAME [--midi IN.mid] [--sample-rate 48000] [--block-size 128]\n"
    "  fuzz-state <bundle> --class NAME [--count 100] [--seed 1] [--midi IN.mid]\n"
    "  load-unload <bundle> [--class NAME] [--count 50] [--threshold-mib 8]\n"
    "  selftest <bundle> [--class NAME] [--work-dir DIR] [--midi IN.mid] [--block-sizes 1,7,64,128,1000] [--sample-rates 44100,48000,96000]\n"
    "           [--tolerance 1e-5] [--param ID|NAME] [--fuzz-count 100] [--load-count 50] [--strict-automation] [--verbose]\n"
    "  editor <bundle> --class NAME [--count 100] [--drag X0,Y0,X1,Y1 --param ID] [--screenshot out.png]\n"
    "         [--click X,Y[;X,Y...] --click-param ID [--wait-latency] [--pad X0,Y0,X1,Y1 --pad-param ID]\n"
    "          [--click-screenshot out.png] [--restore-check]]\n"
    "           opens/closes the plug-in's editor while processing (needs an X display of depth 24)\n"
    "  make-test-midi <out.mid>                           writes the selftest's MIDI file\n"
    "  make-test-wav <out.wav> [--sample-rate 48000] [--seconds 1]\n"
    "--class may be omitted when the bundle has one audio class. Exit code 0 = success.\n";

nshost::Args parseArgs(int argc, char** argv)
{
    nshost::Args a;
    if (argc < 2)
        return a;
    a.command = argv[1];
    for (int i = 2; i < argc; ++i)
    {
        std::string s = argv[i];
        if (s.size() > 2 && s.compare(0, 2, "--") == 0)
        {
            std::string name = s.substr(2), value = "1";
            if (auto eq = name.find('='); eq != std::string::npos)
            {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            else if (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0)
                value = argv[++i];
            a.options[name] = value;
        }
        else
            a.positional.push_back(s);
    }
    return a;
}
} // namespace

int main(int argc, char** argv)
{
    using namespace nshost;
    installCrashHandlers();
    const Args args = parseArgs(argc, argv);
    if (args.command.empty() || args.command == "help" || args.command == "--help" || args.command == "-h")
    {
        std::cout << kUsage;
        return args.command.empty() ? 2 : 0;
    }
    int rc = 1;
    try
    {
        juce::ScopedJuceInitialiser_GUI juceInit; // message manager: VST3 hosting runs on this thread
        const auto& c = args.command;
        if (c == "list") rc = cmdList(args);
        else if (c == "render-midi") rc = cmdRenderMidi(args);
        else if (c == "process-wav") rc = cmdProcessWav(args);
        else if (c == "automate") rc = cmdAutomate(args);
        else if (c == "state-roundtrip") rc = cmdStateRoundtrip(args);
        else if (c == "fuzz-state") rc = cmdFuzzState(args);
        else if (c == "load-unload") rc = cmdLoadUnload(args);
        else if (c == "selftest") rc = cmdSelftest(args);
        else if (c == "editor") rc = cmdEditor(args);
        else if (c == "make-test-midi")
        {
            if (args.positional.empty()) fail("usage: make-test-midi <out.mid>");
            writeTestMidi(args.positional[0]);
            std::cout << "wrote " << args.positional[0] << "\n";
            rc = 0;
        }
        else if (c == "make-test-wav")
        {
            if (args.positional.empty()) fail("usage: make-test-wav <out.wav> [--sample-rate 48000] [--seconds 1]");
            writeTestWav(args.positional[0], args.num("sample-rate", 48000), args.num("seconds", 1.0));
            std::cout << "wrote " << args.positional[0] << "\n";
            rc = 0;
        }
        else
            fail("unknown command \"" + c + "\" (run with --help)");
        setActivity("shutting down");
        std::cout.flush();
    }
    catch (const HostError& e)
    {
        std::cout.flush();
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
    catch (const std::exception& e)
    {
        std::cout.flush();
        std::cerr << "error: unexpected exception: " << e.what() << std::endl;
        return 1;
    }
    return rc;
}
