// Direct VST3 interface plumbing: streams, event lists, parameter-change queues, and a module
// loader that talks to a bundle without JUCE (class ids, load/unload cycles).
#pragma once

#include <pluginterfaces/base/funknown.h>
#include <pluginterfaces/base/ibstream.h>
#include <pluginterfaces/base/ipluginbase.h>
#include <pluginterfaces/vst/ivstaudioprocessor.h>
#include <pluginterfaces/vst/ivstcomponent.h>
#include <pluginterfaces/vst/ivsteditcontroller.h>
#include <pluginterfaces/vst/ivstevents.h>
#include <pluginterfaces/vst/ivstmessage.h>
#include <pluginterfaces/vst/ivstparameterchanges.h>
#include <pluginterfaces/vst/ivstprocesscontext.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nshost
{
namespace V = Steinberg::Vst;

// Host-owned objects live on the stack or in host structures; reference counting is a no-op.
#define NSHOST_FUNKNOWN_NOREFCOUNT(Interface)                                                              \
    Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override          \
    {                                                                                                      \
        if (Steinberg::FUnknownPrivate::iidEqual(iid, Steinberg::FUnknown::iid) ||                         \
            Steinberg::FUnknownPrivate::iidEqual(iid, Interface::iid))                                     \
        {                                                                                                  \
            *obj = static_cast<Interface*>(this);                                                          \
            return Steinberg::kResultOk;                                                                   \
        }                                                                                                  \
        *obj = nullptr;                                                                                    \
        return Steinberg::kNoInterface;                                                                    \
    }                                                                                                      \
    Steinberg::uint32 PLUGIN_API addRef() override { return 1; }                                           \
    Steinberg::uint32 PLUGIN_API release() override { return 1; }

class MemStream final : public Steinberg::IBStream
{
public:
    MemStream() = default;
    explicit MemStream(std::vector<uint8_t> bytes) : data(std::move(bytes)) {}

    Steinberg::tresult PLUGIN_API read(void* buffer, Steinberg::int32 numBytes, Steinberg::int32* numBytesRead) override;
    Steinberg::tresult PLUGIN_API write(void* buffer, Steinberg::int32 numBytes, Steinberg::int32* numBytesWritten) override;
    Steinberg::tresult PLUGIN_API seek(Steinberg::int64 pos, Steinberg::int32 mode, Steinberg::int64* result) override;
    Steinberg::tresult PLUGIN_API tell(Steinberg::int64* pos) override;
    NSHOST_FUNKNOWN_NOREFCOUNT(Steinberg::IBStream)

    std::vector<uint8_t> data;
    int64_t position = 0;
};

class EventList final : public V::IEventList
{
public:
    Steinberg::int32 PLUGIN_API getEventCount() override { return (Steinberg::int32) events.size(); }
    Steinberg::tresult PLUGIN_API getEvent(Steinberg::int32 index, V::Event& e) override;
    Steinberg::tresult PLUGIN_API addEvent(V::Event& e) override;
    NSHOST_FUNKNOWN_NOREFCOUNT(V::IEventList)

    std::vector<V::Event> events;
};

class ParamQueue final : public V::IParamValueQueue
{
public:
    V::ParamID PLUGIN_API getParameterId() override { return id; }
    Steinberg::int32 PLUGIN_API getPointCount() override { return (Steinberg::int32) points.size(); }
    Steinberg::tresult PLUGIN_API getPoint(Steinberg::int32 index, Steinberg::int32& sampleOffset, V::ParamValue& value) override;
    Steinberg::tresult PLUGIN_API addPoint(Steinberg::int32 sampleOffset, V::ParamValue value, Steinberg::int32& index) override;
    NSHOST_FUNKNOWN_NOREFCOUNT(V::IParamValueQueue)

    V::ParamID id = 0;
    std::vector<std::pair<Steinberg::int32, V::ParamValue>> points;
};

class ParamChanges final : public V::IParameterChanges
{
public:
    Steinberg::int32 PLUGIN_API getParameterCount() override { return (Steinberg::int32) used; }
    V::IParamValueQueue* PLUGIN_API getParameterData(Steinberg::int32 index) override;
    V::IParamValueQueue* PLUGIN_API addParameterData(const V::ParamID& id, Steinberg::int32& index) override;
    NSHOST_FUNKNOWN_NOREFCOUNT(V::IParameterChanges)

    void clear() { used = 0; }
    void addPoint(V::ParamID id, int offset, double value);

private:
    std::vector<std::unique_ptr<ParamQueue>> queues; // reused between blocks
    size_t used = 0;
};

std::string hexTuid(const Steinberg::TUID tuid);
std::string speakerArrangementName(V::SpeakerArrangement arr);

struct RawClassInfo
{
    std::string name, category, subCategories, vendor, version, sdkVersion, cid;
    Steinberg::TUID tuid{};
};

// Path of the shared object inside a bundle (Contents/<arch>-linux/<name>.so), or the path itself
// when it names a .so file.
std::string moduleBinaryPath(const std::string& bundle);

// dlopen + ModuleEntry + GetPluginFactory; the destructor releases the factory, calls ModuleExit and
// dlclose()s. Never open a module this way while JUCE holds the same module in the process.
class RawModule
{
public:
    explicit RawModule(const std::string& bundle);
    ~RawModule();
    RawModule(const RawModule&) = delete;
    RawModule& operator=(const RawModule&) = delete;

    Steinberg::IPluginFactory* factory = nullptr;
    std::string vendor, url, email, binaryPath;
    std::vector<RawClassInfo> classes;

private:
    void close();
    void* handle = nullptr;
};

// One full plugin lifetime without JUCE: create component (+ controller), initialise, connect,
// set up processing, activate, process blocks, then tear everything down in the destructor.
class RawInstance
{
public:
    RawInstance(RawModule& module, const RawClassInfo& cls, Steinberg::FUnknown* hostContext);
    ~RawInstance();
    RawInstance(const RawInstance&) = delete;
    RawInstance& operator=(const RawInstance&) = delete;

    void start(double sampleRate, int blockSize);
    // Processes one block with a note-on at offset 0 (when the plugin has an event input);
    // returns the peak absolute output and fails on non-finite samples.
    float processBlock(int numSamples, bool noteOn);
    void stop();

private:
    V::IComponent* component = nullptr;
    V::IEditController* controller = nullptr;
    V::IAudioProcessor* processor = nullptr;
    Steinberg::Vst::IConnectionPoint* componentCP = nullptr;
    Steinberg::Vst::IConnectionPoint* controllerCP = nullptr;
    bool controllerIsComponent = false;
    bool active = false, processing = false;
    double sampleRate = 48000.0;
    int64_t position = 0;
    std::vector<int> inChannels, outChannels;
    std::vector<std::vector<float>> scratch;
};
} // namespace nshost
