using NeuralSynth.Engine.Parameters;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class ParameterTests
{
    [Fact]
    public void NormalizedAndPlainValuesRoundTripForEveryParameter()
    {
        foreach (var spec in SynthParameters.CreateRegistry().All)
        {
            foreach (double n in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            {
                float plain = spec.ToPlain(n);
                Assert.InRange(plain, spec.Min, spec.Max);
                Assert.Equal(plain, spec.ToPlain(spec.ToNormalized(plain)), 3);
            }
            Assert.Equal(spec.Default, spec.ToPlain(spec.DefaultNormalized), 2);
            Assert.True(spec.TryParse(spec.Format(spec.Default), out float parsed), $"{spec.Key}: cannot parse {spec.Format(spec.Default)}");
            Assert.Equal(spec.Default, parsed, 1);
        }
    }

    [Fact]
    public void IdsAndKeysAreUnique()
    {
        var registry = SynthParameters.CreateRegistry();
        Assert.Equal(registry.Count, registry.All.Select(p => p.Id).Distinct().Count());
        Assert.Equal(registry.Count, registry.All.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void LogarithmicScaleIsGeometric()
    {
        var spec = new ParameterSpec(1, "f", "F", "Hz", 20, 20000, 1000, ParameterScale.Logarithmic);
        Assert.Equal(632.46f, spec.ToPlain(0.5), 1);
    }

    [Fact]
    public void SmootherGivesTheSameValueWhateverTheStepping()
    {
        var a = new LinearSmoother();
        var b = new LinearSmoother();
        a.Configure(100);
        b.Configure(100);
        a.SetTarget(1f);
        b.SetTarget(1f);
        for (int i = 0; i < 37; i++) a.Advance(1);
        b.Advance(30);
        b.Advance(7);
        Assert.Equal(a.Value, b.Value);
        a.Advance(1000);
        Assert.Equal(1f, a.Value);
    }

    [Fact]
    public void NonFiniteAndOutOfRangeValuesAreClamped()
    {
        var values = new ParameterValues(SynthParameters.CreateRegistry());
        values.SetImmediate(SynthParameters.MasterGain, float.NaN);
        Assert.Equal(-6f, values.Get(SynthParameters.MasterGain));
        values.SetImmediate(SynthParameters.MasterGain, 1000);
        Assert.Equal(12f, values.Get(SynthParameters.MasterGain));
        Assert.False(values.Set(9999, 1f));
    }
}
