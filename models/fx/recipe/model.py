"""GuitarML-style conditioned LSTM ("SimpleRNN"): input [audio, knob1, knob2] -> LSTM -> dense, then combined with
the audio by `skip`: 0 as is, 1 plus the audio (GuitarML), 2 times the audio (our extension: the network is a gain
computer, which suits a compressor, whose output is its input under a slowly moving gain)."""
import torch
from torch import nn


class ConditionedLstm(nn.Module):
    def __init__(self, knobs, hidden, skip):
        super().__init__()
        self.knobs, self.hidden, self.skip = knobs, hidden, skip
        self.rec = nn.LSTM(1 + knobs, hidden, batch_first=True)
        self.lin = nn.Linear(hidden, 1)
        if skip == 2:
            with torch.no_grad():  # start as unity gain
                self.lin.weight.mul_(0.1)
                self.lin.bias.fill_(1.0)

    def forward(self, audio, knobs, state=None):
        """audio [B, T], knobs [B, K] held for the whole chunk -> output [B, T], (h, c)."""
        x = torch.cat([audio.unsqueeze(-1), knobs.unsqueeze(1).expand(-1, audio.shape[1], -1)], dim=-1)
        y, state = self.rec(x, state)
        y = self.lin(y).squeeze(-1)
        if self.skip == 2:
            return y * audio, state
        return (y + audio if self.skip else y), state


class OnnxBlock(nn.Module):
    """The exported graph: one fixed block with the recurrent state as explicit inputs and outputs."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, audio, knobs, h_in, c_in):
        y, (h, c) = self.model(audio, knobs, (h_in, c_in))
        return y, h, c
