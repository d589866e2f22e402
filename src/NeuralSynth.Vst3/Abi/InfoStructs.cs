using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Abi;

// Description structures a plug-in fills for the host. Strings are fixed arrays: char8 (UTF-8/ASCII) for
// factory categories, char16 (UTF-16) for everything a user reads.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PFactoryInfo
{
    public fixed byte Vendor[64];
    public fixed byte Url[256];
    public fixed byte Email[128];
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfo
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed byte Name[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfo2
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed byte Name[64];
    public uint ClassFlags;
    public fixed byte SubCategories[128];
    public fixed byte Vendor[64];
    public fixed byte Version[64];
    public fixed byte SdkVersion[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfoW
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed char Name[64];
    public uint ClassFlags;
    public fixed byte SubCategories[128];
    public fixed char Vendor[64];
    public fixed char Version[64];
    public fixed char SdkVersion[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BusInfo
{
    public int MediaType;
    public int Direction;
    public int ChannelCount;
    public fixed char Name[128];
    public int BusType;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ParameterInfo
{
    public uint Id;
    public fixed char Title[128];
    public fixed char ShortTitle[128];
    public fixed char Units[128];
    public int StepCount;
    public double DefaultNormalizedValue;
    public int UnitId;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UnitInfo
{
    public int Id;
    public int ParentUnitId;
    public fixed char Name[128];
    public int ProgramListId;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProgramListInfo
{
    public int Id;
    public fixed char Name[128];
    public int ProgramCount;
}

[StructLayout(LayoutKind.Sequential)]
internal struct RoutingInfo
{
    public int MediaType;
    public int BusIndex;
    public int Channel;
}
