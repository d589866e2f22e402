namespace NeuralSynth.Vst3.Abi;

/// <summary>Enumerations and flag values from the VST3 interfaces, as plain constants.</summary>
internal static class Vst
{
    public const int MediaAudio = 0;
    public const int MediaEvent = 1;
    public const int DirectionInput = 0;
    public const int DirectionOutput = 1;
    public const int BusMain = 0;
    public const int BusAux = 1;
    public const uint BusDefaultActive = 1;

    // ProcessModes: kRealtime, kPrefetch, kOffline
    public const int ProcessModeRealtime = 0;
    public const int ProcessModeOffline = 2;

    public const int Sample32 = 0;
    public const int Sample64 = 1;

    public const ulong SpeakerMono = 1UL << 19;
    public const ulong SpeakerStereo = 0b11;

    public const int ParamCanAutomate = 1;
    public const int ParamIsReadOnly = 2;
    public const int ParamIsList = 8;
    public const int ParamIsHidden = 16;
    public const int ParamIsProgramChange = 1 << 15;
    public const int ParamIsBypass = 1 << 16;

    public const int RestartLatencyChanged = 8;
    public const int RestartParamValuesChanged = 4;
    public const int RestartParamTitlesChanged = 16;

    public const int RootUnitId = 0;
    public const int NoParentUnitId = -1;
    public const int NoProgramListId = -1;
    public const int FactoryProgramListId = 1;

    public const int EventNoteOn = 0;
    public const int EventNoteOff = 1;
    public const int EventPolyPressure = 3;

    public const int CtrlAfterTouch = 128;
    public const int CtrlPitchBend = 129;

    public const int SeekSet = 0;
    public const int SeekCurrent = 1;
    public const int SeekEnd = 2;

    public const int FactoryUnicode = 1 << 4;
    public const int ManyInstances = 0x7FFFFFFF;
    public const uint ClassDistributable = 1;

    // ProcessContext::StatesAndFlags
    public const uint ContextPlaying = 1 << 1;
    public const uint ContextCycleActive = 1 << 2;
    public const uint ContextRecording = 1 << 3;
    public const uint ContextProjectTimeMusicValid = 1 << 9;
    public const uint ContextTempoValid = 1 << 10;
    public const uint ContextBarPositionValid = 1 << 11;
    public const uint ContextTimeSigValid = 1 << 13;

    // IProcessContextRequirements flags
    public const uint NeedProjectTimeMusic = 1 << 2;
    public const uint NeedBarPositionMusic = 1 << 3;
    public const uint NeedTempo = 1 << 6;
    public const uint NeedTimeSignature = 1 << 7;
    public const uint NeedTransportState = 1 << 10;
}
