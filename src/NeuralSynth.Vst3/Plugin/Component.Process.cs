using NeuralSynth.Engine.Core;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Host;

namespace NeuralSynth.Vst3.Plugin;

// The audio-thread half of the component: turning the host's parameter changes and events into sorted engine
// events, and running the engine over the host's buffers.
internal sealed unsafe partial class Component
{
    public int Process(ProcessData* data)
    {
        if (data == null) return TResult.InvalidArgument;
        int frames = data->NumSamples;
        int sampleSize = data->SymbolicSampleSize;
        AudioBusBuffers* output = data->NumOutputs > 0 ? data->Outputs : null;
        try
        {
            if (InjectProcessFault)
            {
                InjectProcessFault = false;
                throw new InvalidOperationException("injected process fault");
            }
            var io = _io;
            if (!_active || io.Length == 0)
            {
                AudioIo.Silence(output, sampleSize, frames);
                return TResult.Ok;
            }

            // Hosts may bounce without a new setup (Ardour's export keeps the real-time setup and marks each call).
            bool offline = data->ProcessMode == Vst.ProcessModeOffline || _setupOffline;
            if (offline != _engine.OfflineRendering) _engine.OfflineRendering = offline;

            _queue.Clear();
            TakePendingState();
            CollectParameterChanges(data->InputParameterChanges, frames);
            CollectEvents(data->InputEvents, frames);
            if (offline) AwaitRequestedModels();

            if (frames <= 0)
            {
                // A parameter flush without audio: the engine applies these at the start of the next block.
                foreach (ref readonly var e in _queue.Events) EnqueueForNextBlock(e);
                return TResult.Ok;
            }
            if (frames > _maxBlock || output == null)
            {
                AudioIo.Silence(output, sampleSize, frames);
                _engine.Messages.TryWrite(new EngineMessage(0, EngineMessageCode.ProcessingFailed, frames));
                return TResult.Ok;
            }

            if (_engine.HasAudioInput)
                AudioIo.CopyIn(data->NumInputs > 0 ? data->Inputs : null, sampleSize, io, frames);
            else if (_engine is InstrumentEngine instrument && _sidechain.Length == 1)
            {
                AudioIo.CopyIn(data->NumInputs > 0 ? data->Inputs : null, sampleSize, _sidechain, frames); // mono mix
                instrument.Sidechain = _sidechain[0];
            }
            float inputPeak = _engine.HasAudioInput ? AudioIo.Peak(io, frames) : _sidechain.Length == 1 ? AudioIo.Peak(_sidechain, frames) : 0f;
            _engine.Process(new AudioBlock(io, 0, frames), _queue.Events, ReadTransport(data->ProcessContext));
            Levels.TryWrite(new LevelReading(inputPeak, _bypassed ? 0f : AudioIo.Peak(io, frames)));
            if (_queue.Dropped > 0)
                _engine.Messages.TryWrite(new EngineMessage(0, EngineMessageCode.EventQueueOverflow, _queue.Dropped));
            if (_engine is AudioToMidiEngine transcriber) WriteNotes(data->OutputEvents, transcriber.OutputEvents);

            if (_bypassed) AudioIo.Silence(output, sampleSize, frames); // a bypassed instrument is silent
            else AudioIo.CopyOut(io, output, sampleSize, frames);
            return TResult.Ok;
        }
        catch (Exception e)
        {
            // Never let the host see an exception: output silence, tell the engine's message ring, carry on.
            Guard.Record(e);
            try
            {
                AudioIo.Silence(output, sampleSize, Math.Max(0, frames));
                _engine.Messages.TryWrite(new EngineMessage(0, EngineMessageCode.ProcessingFailed, 0));
            }
            catch (Exception inner)
            {
                Guard.Record(inner);
            }
            return TResult.Ok;
        }
    }

    /// <summary>
    /// A bounce may block (the host waits for us), so a model chosen during it is heard from the block that chose
    /// it instead of after the loader thread's next poll, which a bounce running 50× real time would outrun.
    /// </summary>
    private void AwaitRequestedModels()
    {
        for (int i = 0; i < _modelSlots.Count; i++)
            if (_modelSlots[i].RequestedIndex != _modelSlots[i].LoadedIndex) _modelSlots[i].WaitUntilLoaded(OfflineModelWait);
    }

    private static readonly TimeSpan OfflineModelWait = TimeSpan.FromSeconds(30);

    /// <summary>The Audio to MIDI engine's notes to the host's output event list (channel 1, note ids unknown).</summary>
    private static void WriteNotes(IntPtr outputEvents, ReadOnlySpan<EngineEvent> notes)
    {
        foreach (ref readonly var note in notes)
        {
            var e = new Event { BusIndex = 0, SampleOffset = note.SampleOffset, Channel = 0, Pitch = note.Data };
            if (note.Kind == EngineEventKind.NoteOn)
            {
                e.Type = Vst.EventNoteOn;
                e.NoteOnVelocity = note.Value;
                e.NoteOnNoteId = -1;
            }
            else
            {
                e.Type = Vst.EventNoteOff;
                e.NoteOffVelocity = 0f;
                e.NoteOffNoteId = -1;
            }
            EventList.Add(outputEvents, e);
        }
    }

    private void EnqueueForNextBlock(in EngineEvent e)
    {
        if (!_engine.Enqueue(e with { SampleOffset = 0 }))
            _engine.Messages.TryWrite(new EngineMessage(0, EngineMessageCode.EventQueueOverflow, 1));
    }

    /// <summary>A state restored by the UI thread while processing arrives here as automation at sample 0.</summary>
    private void TakePendingState()
    {
        var state = Interlocked.Exchange(ref _pendingState, null);
        if (state == null) return;
        for (int i = 0; i < state.Values.Length; i++)
        {
            var parameter = Definition.Parameters[i];
            if (parameter.Role == ParameterRole.Engine)
                _queue.Add(EngineEvent.Parameter(0, parameter.Spec.Id, state.Values[i]), EventQueue.Rank.Automation);
            else if (parameter.Role == ParameterRole.Bypass)
                _bypassed = state.Values[i] >= 0.5f;
        }
    }

    /// <summary>A program change: every value of the factory preset lands at <paramref name="offset"/> (no allocation:
    /// the programs' values were computed when the definition was built).</summary>
    private void ApplyProgram(int number, int offset)
    {
        var programs = Definition.Programs;
        if ((uint)number >= (uint)programs.Count) return;
        float[] values = programs[number].Values;
        for (int i = 0; i < values.Length; i++)
        {
            var parameter = Definition.Parameters[i];
            switch (parameter.Role)
            {
                case ParameterRole.Engine:
                    Volatile.Write(ref _plain[i], values[i]);
                    _queue.Add(EngineEvent.Parameter(offset, parameter.Spec.Id, values[i]), EventQueue.Rank.Automation);
                    break;
                case ParameterRole.Model:
                    Volatile.Write(ref _plain[i], values[i]);
                    _engine.SlotFor(parameter.Id)?.Request((int)values[i]);
                    break;
            }
        }
    }

    private void CollectParameterChanges(IntPtr changes, int frames)
    {
        int queues = ParameterChanges.Count(changes);
        for (int q = 0; q < queues; q++)
        {
            IntPtr queue = ParameterChanges.Queue(changes, q);
            if (queue == IntPtr.Zero) continue;
            int index = Definition.IndexOf(ParamValueQueue.Id(queue));
            if (index < 0) continue;
            var parameter = Definition.Parameters[index];
            int points = ParamValueQueue.PointCount(queue);
            for (int p = 0; p < points; p++)
            {
                if (!ParamValueQueue.Point(queue, p, out int offset, out double normalized)) continue;
                offset = ClampOffset(offset, frames);
                AddParameterPoint(index, parameter, offset, normalized);
            }
        }
    }

    private void AddParameterPoint(int index, PluginParameter parameter, int offset, double normalized)
    {
        switch (parameter.Role)
        {
            case ParameterRole.Engine:
                float plain = parameter.Spec.ToPlain(normalized);
                Volatile.Write(ref _plain[index], plain);
                _queue.Add(EngineEvent.Parameter(offset, parameter.Spec.Id, plain), EventQueue.Rank.Automation);
                break;
            case ParameterRole.Bypass:
                float bypass = parameter.Spec.ToPlain(normalized);
                Volatile.Write(ref _plain[index], bypass);
                _bypassed = bypass >= 0.5f;
                break;
            case ParameterRole.Model:
                float model = parameter.Spec.ToPlain(normalized);
                Volatile.Write(ref _plain[index], model);
                _engine.SlotFor(parameter.Id)?.Request((int)model);
                break;
            case ParameterRole.Program:
                float program = parameter.Spec.ToPlain(normalized);
                if (program != Volatile.Read(ref _plain[index]))
                {
                    Volatile.Write(ref _plain[index], program);
                    ApplyProgram((int)program, offset);
                }
                break;
            case ParameterRole.MidiController:
                _queue.Add(MidiValues.ToEvent(parameter.MidiController, parameter.MidiChannel, offset, normalized), EventQueue.Rank.Controller);
                break;
        }
    }

    private void CollectEvents(IntPtr events, int frames)
    {
        int count = EventList.Count(events);
        for (int i = 0; i < count; i++)
        {
            if (!EventList.Get(events, i, out Event e) || e.BusIndex != 0) continue;
            int offset = ClampOffset(e.SampleOffset, frames);
            int channel = Math.Clamp((int)e.Channel, 0, 15);
            switch (e.Type)
            {
                case Vst.EventNoteOn when e.NoteOnVelocity > 0f:
                    _queue.Add(EngineEvent.NoteOn(offset, e.Pitch, e.NoteOnVelocity, channel), EventQueue.Rank.NoteOn);
                    break;
                case Vst.EventNoteOn:
                    _queue.Add(EngineEvent.NoteOff(offset, e.Pitch, 0f, channel), EventQueue.Rank.NoteOff);
                    break;
                case Vst.EventNoteOff:
                    _queue.Add(EngineEvent.NoteOff(offset, e.Pitch, e.NoteOffVelocity, channel), EventQueue.Rank.NoteOff);
                    break;
                case Vst.EventPolyPressure:
                    _queue.Add(EngineEvent.PolyPressure(offset, e.Pitch, e.PolyPressure, channel), EventQueue.Rank.Controller);
                    break;
            }
        }
    }

    private static int ClampOffset(int offset, int frames) => Math.Clamp(offset, 0, Math.Max(0, frames - 1));

    private static HostTransport ReadTransport(ProcessContext* context)
    {
        if (context == null) return default;
        uint state = context->State;
        var flags = HostTransportFlags.None;
        if ((state & Vst.ContextPlaying) != 0) flags |= HostTransportFlags.Playing;
        if ((state & Vst.ContextRecording) != 0) flags |= HostTransportFlags.Recording;
        if ((state & Vst.ContextCycleActive) != 0) flags |= HostTransportFlags.CycleActive;
        if ((state & Vst.ContextTempoValid) != 0) flags |= HostTransportFlags.TempoValid;
        if ((state & Vst.ContextTimeSigValid) != 0) flags |= HostTransportFlags.TimeSignatureValid;
        if ((state & Vst.ContextProjectTimeMusicValid) != 0) flags |= HostTransportFlags.ProjectTimeMusicValid;
        if ((state & Vst.ContextBarPositionValid) != 0) flags |= HostTransportFlags.BarPositionValid;
        return new HostTransport(flags, context->Tempo, context->TimeSigNumerator, context->TimeSigDenominator,
            context->ProjectTimeSamples, context->ProjectTimeMusic, context->BarPositionMusic);
    }
}
