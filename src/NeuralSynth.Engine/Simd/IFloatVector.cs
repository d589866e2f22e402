namespace NeuralSynth.Engine.Simd;

/// <summary>
/// The vector operations the kernels are written in, as static members of an operator struct per width
/// (<see cref="Float256"/>, <see cref="Float512"/>). A kernel is one generic method over
/// <c>TOps : struct, IFloatVector&lt;TVector&gt;</c>: the JIT compiles a separate copy per struct, with every
/// operation inlined to the width's own instruction, so the generic kernel costs nothing over a hand-written one.
/// </summary>
public interface IFloatVector<TVector> where TVector : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>True where there are registers enough (32) for a 4-row tile of four vectors each.</summary>
    static abstract bool HasWideTile { get; }

    static abstract TVector Create(float value);
    static abstract TVector Load(ref float source, nuint index);
    static abstract void Store(TVector value, ref float destination, nuint index);
    static abstract TVector Add(TVector left, TVector right);
    static abstract TVector Subtract(TVector left, TVector right);
    static abstract TVector Multiply(TVector left, TVector right);
    static abstract TVector Divide(TVector left, TVector right);

    /// <summary>left·right + addend, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    static abstract TVector Abs(TVector value);
    /// <summary>Lane-wise min(value, limit). The limit is a float, not a vector, so a constant stays a constant
    /// through inlining and the JIT can emit a plain min instead of the NaN- and sign-exact sequence.</summary>
    static abstract TVector AtMost(TVector value, float limit);
    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>Lane-wise: <paramref name="ifLess"/> where left &lt; right, else <paramref name="otherwise"/>.</summary>
    static abstract TVector SelectLess(TVector left, TVector right, TVector ifLess, TVector otherwise);

    /// <summary>2^n for lanes holding n + <paramref name="bias"/> in their integer bits (Cody-Waite rounding's
    /// shifted value): (bits − bias + 127) moved into the exponent field.</summary>
    static abstract TVector PowerOfTwoFromRoundingBits(TVector shifted, int bias);

    /// <summary>1/d for d ≥ 1, within float rounding.</summary>
    static abstract TVector Reciprocal(TVector d);
}
