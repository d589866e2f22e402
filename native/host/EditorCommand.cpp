// The "editor" command: opens a plug-in's own editor (IPlugView) the way a JUCE-based DAW does --
// createEditorIfNeeded() gives JUCE's VST3PluginWindow, which embeds the plug-in's X11 window (XEmbed) and
// hands it JUCE's Linux IRunLoop -- while an audio thread keeps calling processBlock. It opens and closes the
// editor --count times with resizes, drags a control with real X pointer events and checks that the host saw
// the parameter change as a gesture, sets the parameter from the host and checks that the editor redrew, and
// saves a PNG screenshot. --click sends a sequence of clicks that must change a parameter (choosing a model, also
// from disk through the editor's browser), --wait-latency waits for a model with latency (RAVE) to load, --pad then
// drags on what appeared (RAVE's XY pad) and checks the gesture; --restore-check saves the instance's state,
// restores it into a new instance and compares the parameter's text and the sound with a fresh instance. Needs an X display of depth 24 (xvfb-run -s "-screen 0 1600x1200x24").
#include "Common.h"
#include "XTools.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <atomic>
#include <cmath>
#include <iostream>
#include <thread>

namespace nshost
{
namespace
{
juce::VST3PluginFormat& editorFormat()
{
    static juce::VST3PluginFormat format;
    return format;
}

std::unique_ptr<juce::AudioPluginInstance> instantiate(const std::string& bundle, const std::string& className, double rate, int block)
{
    const auto path = juce::File::getCurrentWorkingDirectory().getChildFile(bundle).getFullPathName();
    juce::OwnedArray<juce::PluginDescription> types;
    editorFormat().findAllTypesForFile(types, path);
    for (auto* t : types)
    {
        if (!t->name.equalsIgnoreCase(juce::String(className)))
            continue;
        juce::String error;
        auto instance = editorFormat().createInstanceFromDescription(*t, rate, block, error);
        if (instance == nullptr)
            fail("cannot instantiate " + className + ": " + error.toStdString());
        instance->prepareToPlay(rate, block);
        return instance;
    }
    fail("no class named \"" + className + "\" in " + bundle);
}

juce::AudioProcessorParameter* parameterById(juce::AudioPluginInstance& p, long long id)
{
    for (auto* param : p.getParameters())
        if (auto* h = dynamic_cast<juce::HostedAudioProcessorParameter*>(param); h != nullptr && h->getParameterID().getLargeIntValue() == id)
            return param;
    fail("no parameter with id " + std::to_string(id));
}

// What the host hears from the plug-in's editor: values and gesture begin/end.
struct EditWatcher final : juce::AudioProcessorParameter::Listener
{
    std::atomic<int> changes{0}, begins{0}, ends{0};
    void parameterValueChanged(int, float) override { ++changes; }
    void parameterGestureChanged(int, bool starting) override { starting ? ++begins : ++ends; }
};

// Keeps processing audio (a sine in, notes for an instrument) while the editor opens and closes.
struct AudioLoop
{
    juce::AudioPluginInstance& plugin;
    int block;
    double rate;
    std::atomic<bool> running{true};
    std::atomic<long long> blocks{0};
    std::thread thread;

    AudioLoop(juce::AudioPluginInstance& p, int b, double r) : plugin(p), block(b), rate(r)
    {
        thread = std::thread([this] { run(); });
    }
    ~AudioLoop()
    {
        running = false;
        thread.join();
    }

    void run()
    {
        const int channels = std::max(1, std::max(plugin.getTotalNumInputChannels(), plugin.getTotalNumOutputChannels()));
        juce::AudioBuffer<float> buffer(channels, block);
        juce::MidiBuffer midi;
        double phase = 0;
        const auto period = std::chrono::microseconds((long long) (1e6 * block / rate));
        while (running)
        {
            for (int i = 0; i < block; ++i, phase += 2 * M_PI * 220.0 / rate)
                for (int c = 0; c < channels; ++c)
                    buffer.setSample(c, i, (float) (0.3 * std::sin(phase)));
            midi.clear();
            if (blocks % 100 == 0)
                midi.addEvent(juce::MidiMessage::noteOn(1, 57, (juce::uint8) 100), 0);
            if (blocks % 100 == 50)
                midi.addEvent(juce::MidiMessage::noteOff(1, 57), 0);
            plugin.processBlock(buffer, midi);
            ++blocks;
            std::this_thread::sleep_for(period);
        }
    }
};

void pump(int milliseconds)
{
    juce::MessageManager::getInstance()->runDispatchLoopUntil(milliseconds);
}

// Runs the message loop until everything queued so far has run, three times over (callbacks queued by events
// that arrive meanwhile get the next round): a posted marker runs only after every earlier callAsync.
void drainMessageQueue()
{
    for (int round = 0; round < 3; ++round)
    {
        auto done = std::make_shared<std::atomic<bool>>(false);
        juce::MessageManager::callAsync([done] { done->store(true); });
        for (int waited = 0; !done->load() && waited < 2000; waited += 10)
            pump(10);
        pump(20);
    }
}

unsigned long pluginWindowOf(juce::Component& editor, int& w, int& h)
{
    auto* peer = editor.getPeer();
    if (peer == nullptr)
        return 0;
    return x11::findPluginWindow((unsigned long) (juce::pointer_sized_uint) peer->getNativeHandle(), w, h);
}

bool screenshot(unsigned long window, const std::string& path, std::vector<uint32_t>& pixels)
{
    int w = 0, h = 0;
    std::string error;
    if (!x11::capture(window, w, h, pixels, error))
        fail("screenshot: " + error);
    if (path.empty())
        return true;
    juce::Image image(juce::Image::ARGB, w, h, false);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.setPixelAt(x, y, juce::Colour(pixels[(size_t) y * w + x]));
    juce::File file(path);
    file.deleteFile();
    juce::FileOutputStream out(file);
    juce::PNGImageFormat png;
    return out.openedOk() && png.writeImageToStream(image, out);
}

std::vector<int> numbers(const std::string& text)
{
    std::vector<int> out;
    for (auto& part : juce::StringArray::fromTokens(juce::String(text), ",", ""))
        out.push_back(part.getIntValue());
    return out;
}

// "X,Y;X,Y;...": the points of a click sequence.
std::vector<std::vector<int>> points(const std::string& text)
{
    std::vector<std::vector<int>> out;
    for (auto& part : juce::StringArray::fromTokens(juce::String(text), ";", ""))
        if (auto xy = numbers(part.toStdString()); xy.size() == 2)
            out.push_back(xy);
    return out;
}

// The largest sample difference between two effect instances fed the same sine for a second (the last half counts:
// a model's latency and warm-up are over by then).
float outputDifference(juce::AudioPluginInstance& a, juce::AudioPluginInstance& b, double rate, int block)
{
    const int channels = std::max(1, a.getTotalNumOutputChannels());
    juce::AudioBuffer<float> x(channels, block), y(channels, block);
    juce::MidiBuffer midi;
    float largest = 0;
    const int blocks = (int) (rate / block);
    for (int n = 0; n < blocks; ++n)
    {
        for (int i = 0; i < block; ++i)
            for (int c = 0; c < channels; ++c)
            {
                const float s = (float) (0.3 * std::sin(2 * M_PI * 220.0 * (n * block + i) / rate));
                x.setSample(c, i, s);
                y.setSample(c, i, s);
            }
        a.processBlock(x, midi);
        b.processBlock(y, midi);
        if (n < blocks / 2)
            continue;
        for (int c = 0; c < channels; ++c)
            for (int i = 0; i < block; ++i)
                largest = std::max(largest, std::abs(x.getSample(c, i) - y.getSample(c, i)));
    }
    return largest;
}

// The session round trip a DAW does: the state of the instance the user edited, restored into a new instance. The
// restored instance must show the same value text for the parameter and sound unlike a fresh one.
void checkRestore(juce::AudioPluginInstance& plugin, const std::string& bundle, const std::string& className, long long id, double rate, int block)
{
    setActivity("getStateInformation");
    juce::MemoryBlock state;
    plugin.getStateInformation(state);
    auto restored = instantiate(bundle, className, rate, block);
    setActivity("setStateInformation");
    restored->setStateInformation(state.getData(), (int) state.getSize());
    pump(200);
    const auto saved = parameterById(plugin, id)->getCurrentValueAsText().toStdString();
    const auto now = parameterById(*restored, id)->getCurrentValueAsText().toStdString();
    auto fresh = instantiate(bundle, className, rate, block);
    setActivity("rendering the restored and a fresh instance");
    const float difference = outputDifference(*restored, *fresh, rate, block);
    std::cout << "restore: " << state.getSize() << " bytes of state; parameter " << id << " \"" << saved << "\" -> restored \"" << now
              << "\"; restored vs fresh instance: largest sample difference " << difference << "\n";
    if (saved != now)
        fail("the restored instance shows \"" + now + "\" where the saved one showed \"" + saved + "\"");
}
} // namespace

int cmdEditor(const Args& a)
{
    if (a.positional.empty())
        fail("usage: editor <bundle> --class NAME [--count 100] [--drag X0,Y0,X1,Y1 --param ID] [--screenshot out.png]"
             " [--click X,Y[;X,Y...] --click-param ID [--wait-latency] [--pad X0,Y0,X1,Y1 --pad-param ID] [--click-screenshot out.png]"
             " [--restore-check]]");
    const auto className = a.required("class");
    const int count = (int) a.integer("count", 100);
    const double rate = a.num("sample-rate", 48000);
    const int block = (int) a.integer("block", 256);
    x11::installErrorRecorder();
    auto plugin = instantiate(a.positional[0], className, rate, block);
    if (!plugin->hasEditor())
        fail(className + ": no editor");
    AudioLoop audio(*plugin, block, rate);

    const bool dragTest = a.has("drag");
    const auto drag = numbers(a.str("drag", "0,0,0,0"));
    juce::AudioProcessorParameter* param = dragTest ? parameterById(*plugin, a.integer("param", -1)) : nullptr;
    EditWatcher watcher;
    if (param != nullptr)
        param->addListener(&watcher);

    int resizes = 0;
    for (int i = 0; i < count; ++i)
    {
        setActivity("opening editor " + std::to_string(i + 1));
        std::unique_ptr<juce::AudioProcessorEditor> editor(plugin->createEditorIfNeeded());
        if (editor == nullptr)
            fail(className + ": createEditorIfNeeded returned no editor (open " + std::to_string(i + 1) + ")");
        editor->setTopLeftPosition(0, 0);
        editor->addToDesktop(0);
        editor->setVisible(true);
        pump(i == 0 ? 400 : 40);
        const int w0 = editor->getWidth(), h0 = editor->getHeight();
        if (i == 0)
        {
            int pw = 0, ph = 0;
            const auto window = pluginWindowOf(*editor, pw, ph);
            if (window == 0)
                fail(className + ": the plug-in created no X window inside the editor");
            std::cout << "editor " << className << ": " << w0 << "x" << h0 << ", plug-in window 0x" << std::hex << window << std::dec
                      << " " << pw << "x" << ph << "\n";
            std::vector<uint32_t> before, after;
            if (!screenshot(window, a.str("screenshot"), before))
                fail("cannot write " + a.str("screenshot"));
            if (a.has("screenshot"))
                std::cout << "screenshot: " << a.str("screenshot") << "\n";
            if (param != nullptr && drag.size() == 4)
            {
                const float start = param->getValue();
                x11::sendDrag(window, drag[0], drag[1], drag[2], drag[3]);
                pump(300);
                const float moved = param->getValue();
                std::cout << "drag: parameter " << a.str("param") << " " << start << " -> " << moved << " (changes " << watcher.changes
                          << ", gesture begin " << watcher.begins << ", end " << watcher.ends << ")\n";
                if (std::abs(moved - start) < 1e-3f)
                    fail("dragging the control did not change parameter " + a.str("param"));
                if (watcher.begins < 1 || watcher.ends < 1)
                    fail("the editor's edit was not a gesture (beginEdit/endEdit missing)");
                // And back: a host-side change must show in the editor.
                screenshot(window, "", before);
                param->setValueNotifyingHost(moved > 0.5f ? 0.0f : 1.0f);
                pump(300);
                screenshot(window, "", after);
                size_t differing = 0;
                for (size_t k = 0; k < std::min(before.size(), after.size()); ++k)
                    differing += before[k] != after[k];
                std::cout << "host change: parameter set to " << param->getValue() << ", " << differing << " pixels redrawn\n";
                if (differing == 0)
                    fail("the editor did not redraw after the host changed parameter " + a.str("param"));
            }
            if (a.has("click"))
            {
                // Clicks that load something (the effect's next model; "Add model from disk…" then a file in the
                // browser): the parameter moves, the model loads on the plug-in's worker, and the editor shows it.
                const auto clicks = points(a.str("click"));
                if (clicks.empty())
                    fail("--click wants X,Y[;X,Y...]");
                auto* target = parameterById(*plugin, a.integer("click-param", -1));
                const float start = target->getValue();
                for (const auto& at : clicks)
                {
                    x11::sendDrag(window, at[0], at[1], at[0], at[1]);
                    pump(600);
                }
                pump(1900);
                // A model that reports latency (RAVE) has loaded once the host heard kLatencyChanged.
                for (int waited = 0; a.has("wait-latency") && plugin->getLatencySamples() == 0 && waited < 30000; waited += 100)
                    pump(100);
                if (a.has("wait-latency"))
                    std::cout << "latency: " << plugin->getLatencySamples() << " samples\n";
                std::cout << "click: parameter " << a.str("click-param") << " " << start << " -> " << target->getValue() << " ("
                          << target->getCurrentValueAsText().toStdString() << ")\n";
                if (std::abs(target->getValue() - start) < 1e-4f)
                    fail("the click did not change parameter " + a.str("click-param"));
                if (a.has("pad"))
                {
                    // A drag on what the clicks brought up (RAVE's XY pad): the parameter moves as one gesture.
                    const auto pad = numbers(a.str("pad"));
                    auto* moved = parameterById(*plugin, a.integer("pad-param", -1));
                    EditWatcher padWatcher;
                    moved->addListener(&padWatcher);
                    const float before = moved->getValue();
                    x11::sendDrag(window, pad[0], pad[1], pad[2], pad[3]);
                    pump(300);
                    moved->removeListener(&padWatcher);
                    std::cout << "pad: parameter " << a.str("pad-param") << " " << before << " -> " << moved->getValue() << " (gesture begin "
                              << padWatcher.begins << ", end " << padWatcher.ends << ")\n";
                    if (std::abs(moved->getValue() - before) < 1e-3f)
                        fail("dragging on the pad did not change parameter " + a.str("pad-param"));
                    if (padWatcher.begins < 1 || padWatcher.ends < 1)
                        fail("the pad's edit was not a gesture (beginEdit/endEdit missing)");
                }
                std::vector<uint32_t> pixels;
                if (a.has("click-screenshot") && screenshot(window, a.str("click-screenshot"), pixels))
                    std::cout << "screenshot: " << a.str("click-screenshot") << "\n";
                if (a.has("restore-check"))
                    checkRestore(*plugin, a.positional[0], className, a.integer("click-param", -1), rate, block);
            }
        }
        if (i % 4 == 0)
        {
            editor->setSize(w0 + 120, h0 + 80);
            pump(i == 0 ? 200 : 30);
            if (i == 0)
            {
                // JUCE asks the view (canResize, checkSizeConstraint, onSize); the plug-in's window must follow.
                int pw = 0, ph = 0;
                pluginWindowOf(*editor, pw, ph);
                std::cout << "resize: editor " << editor->getWidth() << "x" << editor->getHeight() << ", plug-in window " << pw << "x" << ph << "\n";
                if (pw != editor->getWidth() || ph != editor->getHeight())
                    fail("the plug-in's window did not follow the editor's resize");
            }
            editor->setSize(w0, h0);
            resizes += 2;
            // JUCE 7.0.5's XEmbedComponent answers each ConfigureNotify of the plug-in window with
            // MessageManager::callAsync([this] ...): closing the editor before those callbacks run is a
            // use-after-free inside JUCE (SIGSEGV in XEmbedComponent::Pimpl::handleX11Event's lambda). A user
            // cannot close a window within milliseconds of resizing it; give the queue the time a person would,
            // and on a loaded machine (where the X server's events come late) until the queue has drained.
            pump(150);
            drainMessageQueue();
        }
        setActivity("closing editor " + std::to_string(i + 1));
        // Delete the editor while its window still exists (as a DAW closing a plug-in window does): the editor's
        // destructor detaches the plug-in's view first, then ~Component takes the peer off the desktop.
        // removeFromDesktop() first would destroy the plug-in's X window under it (BadWindow in removed()).
        editor.reset();
        pump(5);
    }
    if (param != nullptr)
        param->removeListener(&watcher);
    const long long processed = audio.blocks;
    std::cout << "editor " << className << ": opened and closed " << count << " times, " << resizes << " resizes, " << processed
              << " audio blocks processed meanwhile\n";
    // Without a window manager JUCE's own WM property calls fail (ChangeProperty 18, GetProperty 20: BadAtom for
    // WM_STATE and friends). Anything else would be the plug-in's window, image or connection.
    const auto byRequest = x11::errorsByRequest();
    int foreign = 0;
    std::cout << "X errors by request:";
    for (auto [request, n] : byRequest)
    {
        std::cout << " " << request << "=" << n;
        if (request != 18 && request != 20)
            foreign += n;
    }
    std::cout << (byRequest.empty() ? " none\n" : "\n");
    if (foreign > 0)
    {
        for (auto& e : x11::recordedErrors())
            std::cout << "  " << e << "\n";
        fail(std::to_string(foreign) + " X errors outside JUCE's window-manager property calls");
    }
    if (processed == 0)
        fail("no audio was processed while the editor was open");
    return 0;
}
} // namespace nshost
