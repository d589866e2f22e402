using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public class ConnectionTests
{
    [Fact]
    public void Direct_connection_links_component_and_controller()
    {
        using var plugin = new PluginInstance(PluginKind.Effect);
        var controller = ComObject.FromSlot<Controller>(plugin.Controller);
        Assert.Same(plugin.Managed, controller.Component);
        Assert.Same(controller, plugin.Managed.Link.Controller);
    }

    [Fact]
    public void Connection_through_host_proxies_links_by_message()
    {
        using var factory = new Factory();
        var host = new FakeHostApplication();
        IntPtr component = factory.Create(ClassIds.Processor(PluginKind.Instrument), Iids.Component);
        IntPtr controller = factory.Create(ClassIds.Controller(PluginKind.Instrument), Iids.EditController);
        Assert.Equal(TResult.Ok, PluginInstance.Call(component, 3, host.Pointer));
        Assert.Equal(TResult.Ok, PluginInstance.Call(controller, 3, host.Pointer));
        IntPtr componentPoint = Vtable.Require(component, Iids.ConnectionPoint);
        IntPtr controllerPoint = Vtable.Require(controller, Iids.ConnectionPoint);
        var toController = new FakeConnectionProxy(controllerPoint);
        var toComponent = new FakeConnectionProxy(componentPoint);

        Assert.Equal(TResult.Ok, PluginInstance.Call(componentPoint, 3, toController.Pointer));
        Assert.Equal(TResult.Ok, PluginInstance.Call(controllerPoint, 3, toComponent.Pointer));
        Assert.Equal(1, toController.Forwarded);
        var managedComponent = ComObject.FromSlot<Component>(component);
        Assert.Same(managedComponent, ComObject.FromSlot<Controller>(controller).Component);
        Assert.NotNull(managedComponent.Link.Controller);

        PluginInstance.Call(componentPoint, 4, toController.Pointer);
        PluginInstance.Call(controllerPoint, 4, toComponent.Pointer);
        Assert.Null(managedComponent.Link.Controller);
        PluginInstance.Call(component, 4, IntPtr.Zero);
        PluginInstance.Call(controller, 4, IntPtr.Zero);
        Vtable.Release(componentPoint);
        Vtable.Release(controllerPoint);
        Assert.Equal(0u, Vtable.Release(component));
        Assert.Equal(0u, Vtable.Release(controller));
        toController.Release();
        toComponent.Release();
        Assert.Equal(0u, host.Release());
    }
}
