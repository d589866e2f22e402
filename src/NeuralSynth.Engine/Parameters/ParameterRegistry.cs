using System.Collections.Frozen;

namespace NeuralSynth.Engine.Parameters;

/// <summary>
/// The one list of parameters that the engine, the CLI, presets and the VST3 bridge all read.
/// Lookups by id return an index into <see cref="All"/>, which is also the index into runtime value arrays.
/// </summary>
public sealed class ParameterRegistry
{
    private readonly FrozenDictionary<int, int> _indexById;
    private readonly FrozenDictionary<string, int> _indexByKey;

    public ParameterRegistry(IEnumerable<ParameterSpec> specs)
    {
        All = specs.ToArray();
        var byId = new Dictionary<int, int>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < All.Count; i++)
        {
            if (!byId.TryAdd(All[i].Id, i)) throw new ArgumentException($"duplicate parameter id {All[i].Id}");
            if (!byKey.TryAdd(All[i].Key, i)) throw new ArgumentException($"duplicate parameter key {All[i].Key}");
        }
        _indexById = byId.ToFrozenDictionary();
        _indexByKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyList<ParameterSpec> All { get; }

    public int Count => All.Count;

    /// <summary>Index of the parameter with this id, or -1. Allocation-free, safe on the audio thread.</summary>
    public int IndexOf(int id) => _indexById.TryGetValue(id, out int index) ? index : -1;

    public int IndexOf(string key) => _indexByKey.TryGetValue(key, out int index) ? index : -1;

    public ParameterSpec this[int index] => All[index];

    public bool TryGet(string key, out ParameterSpec spec)
    {
        int index = IndexOf(key);
        spec = index >= 0 ? All[index] : null!;
        return index >= 0;
    }

    public ParameterSpec GetById(int id) =>
        IndexOf(id) is int i and >= 0 ? All[i] : throw new KeyNotFoundException($"no parameter with id {id}");
}
