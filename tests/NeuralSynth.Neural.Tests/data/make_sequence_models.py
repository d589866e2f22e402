#!/usr/bin/python3
"""Creates the tiny GuitarML and RTNeural test models and their PyTorch reference outputs.

Run from anywhere with /usr/bin/python3 (needs python3-torch). Writes next to this script:
  guitarml_lstm_2knobs.json  GuitarML "model_data"/"state_dict" LSTM, input_size 3 (audio + 2 knobs), skip 1
  guitarml_gru_1knob.json    GuitarML GRU, input_size 2 (audio + 1 knob), skip 0
  rtneural_stack.json        RTNeural layer list: conv1d(tanh) -> gru -> dense(relu) -> lstm -> dense,
                             input = audio + 1 knob, weights in RTNeural's (Keras) layout
  *.golden.json              {"input": [...], "knobs": [[k0, k1, ...] per sample], "output": [...]}
The knob values change once, half-way through, to exercise knob updates between blocks.
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMES = 3000


def signal():
    x = []
    for i in range(FRAMES):
        t = i / 48000.0
        x.append(0.6 * math.sin(2 * math.pi * 220 * t) * math.exp(-3 * t) + 0.3 * math.sin(2 * math.pi * 1234 * t * (1 + t)))
    return torch.tensor(x, dtype=torch.float32)


def knob_track(first, second):
    half = FRAMES // 2
    return torch.tensor([first] * half + [second] * (FRAMES - half), dtype=torch.float32)


def save(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def guitarml(unit, input_size, hidden, skip, knobs_first, knobs_second, name, seed):
    torch.manual_seed(seed)
    rnn = (torch.nn.LSTM if unit == "LSTM" else torch.nn.GRU)(input_size, hidden, batch_first=True)
    lin = torch.nn.Linear(hidden, 1)
    audio = signal()
    knobs = knob_track(knobs_first, knobs_second) if input_size > 1 else torch.zeros(FRAMES, 0)
    x = torch.cat([audio.reshape(-1, 1), knobs.reshape(FRAMES, -1)], dim=1).reshape(1, FRAMES, input_size)
    with torch.no_grad():
        y, _ = rnn(x)
        out = lin(y)[0, :, 0]
        if skip:
            out = out + audio
    state = {
        "rec.weight_ih_l0": rnn.weight_ih_l0.tolist(),
        "rec.weight_hh_l0": rnn.weight_hh_l0.tolist(),
        "rec.bias_ih_l0": rnn.bias_ih_l0.tolist(),
        "rec.bias_hh_l0": rnn.bias_hh_l0.tolist(),
        "lin.weight": lin.weight.tolist(),
        "lin.bias": lin.bias.tolist(),
    }
    model = {"model_data": {"model": "SimpleRNN", "input_size": input_size, "skip": skip, "output_size": 1,
                            "unit_type": unit, "num_layers": 1, "hidden_size": hidden, "bias_fl": True},
             "state_dict": state}
    save(name + ".json", model)
    save(name + ".golden.json", {"input": floats(audio), "knobs": x[0, :, 1:].tolist(), "output": floats(out)})


def keras_gru(gru):
    """Torch GRU (gates r, z, n) -> Keras/RTNeural layout (gates z, r, h), reset_after=True."""
    h = gru.hidden_size
    order = [1, 0, 2]  # keras block b takes torch block order[b]

    def blocks(t):
        return torch.cat([t[order[b] * h:(order[b] + 1) * h] for b in range(3)], dim=0)

    kernel = blocks(gru.weight_ih_l0).t()       # [in][3H]
    recurrent = blocks(gru.weight_hh_l0).t()    # [H][3H]
    bias = torch.stack([blocks(gru.bias_ih_l0), blocks(gru.bias_hh_l0)])  # [2][3H]
    return [kernel.tolist(), recurrent.tolist(), bias.tolist()]


def keras_lstm(lstm):
    """Torch LSTM (i, f, g, o) -> Keras layout (i, f, c, o: same order), biases summed."""
    return [lstm.weight_ih_l0.t().tolist(), lstm.weight_hh_l0.t().tolist(),
            (lstm.bias_ih_l0 + lstm.bias_hh_l0).tolist()]


def rtneural_stack():
    torch.manual_seed(3)
    kernel, dilation = 3, 2
    conv = torch.nn.Conv1d(2, 4, kernel, dilation=dilation)
    gru = torch.nn.GRU(4, 8, batch_first=True)
    dense1 = torch.nn.Linear(8, 5)
    lstm = torch.nn.LSTM(5, 6, batch_first=True)
    dense2 = torch.nn.Linear(6, 1)
    audio = signal()
    knob = knob_track(0.3, 0.9)
    x = torch.stack([audio, knob])  # [channels][time]
    with torch.no_grad():
        padded = torch.nn.functional.pad(x.reshape(1, 2, FRAMES), ((kernel - 1) * dilation, 0))
        c = torch.tanh(conv(padded))[0].t().reshape(1, FRAMES, 4)  # causal conv + tanh
        g, _ = gru(c)
        d = torch.relu(dense1(g))
        l, _ = lstm(d)
        out = dense2(l)[0, :, 0]
    conv_kernel = conv.weight.permute(2, 1, 0)  # torch [out][in][k] -> keras [k][in][out]; k = 0 is oldest
    model = {
        "in_shape": [None, None, 2],
        "layers": [
            {"type": "conv1d", "activation": "tanh", "shape": [None, None, 4], "kernel_size": [kernel],
             "dilation": [dilation], "weights": [conv_kernel.tolist(), conv.bias.tolist()]},
            {"type": "gru", "activation": "", "shape": [None, None, 8], "weights": keras_gru(gru)},
            {"type": "dense", "activation": "relu", "shape": [None, None, 5],
             "weights": [dense1.weight.t().tolist(), dense1.bias.tolist()]},
            {"type": "lstm", "activation": "", "shape": [None, None, 6], "weights": keras_lstm(lstm)},
            {"type": "dense", "activation": "", "shape": [None, None, 1],
             "weights": [dense2.weight.t().tolist(), dense2.bias.tolist()]},
        ],
    }
    save("rtneural_stack.json", model)
    save("rtneural_stack.golden.json", {"input": floats(audio), "knobs": knob.reshape(-1, 1).tolist(), "output": floats(out)})


if __name__ == "__main__":
    guitarml("LSTM", 3, 8, 1, [0.25, 0.75], [0.6, 0.1], "guitarml_lstm_2knobs", seed=1)
    guitarml("GRU", 2, 6, 0, [0.4], [0.95], "guitarml_gru_1knob", seed=2)
    rtneural_stack()
    print("wrote models and goldens to", HERE)
