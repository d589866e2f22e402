namespace NeuralSynth.Vst3.Abi;

/// <summary>
/// VST3 result codes. Windows uses the COM HRESULT values; every other platform uses small integers
/// (funknown.h, COM_COMPATIBLE), so the values are chosen at run time.
/// </summary>
internal static class TResult
{
    public const int Ok = 0;
    public const int True = 0;
    public const int False = 1;

    public static readonly int NoInterface = OperatingSystem.IsWindows() ? unchecked((int)0x80004002) : -1;
    public static readonly int InvalidArgument = OperatingSystem.IsWindows() ? unchecked((int)0x80070057) : 2;
    public static readonly int NotImplemented = OperatingSystem.IsWindows() ? unchecked((int)0x80004001) : 3;
    public static readonly int InternalError = OperatingSystem.IsWindows() ? unchecked((int)0x80004005) : 4;
    public static readonly int NotInitialized = OperatingSystem.IsWindows() ? unchecked((int)0x8000FFFF) : 5;
    public static readonly int OutOfMemory = OperatingSystem.IsWindows() ? unchecked((int)0x8007000E) : 6;

    public static int FromBool(bool ok) => ok ? Ok : False;
}
