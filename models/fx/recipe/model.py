"""GuitarML-style conditioned LSTM ("SimpleRNN"): input [audio, knob1, knob2] -> LSTM -> dense -> (+ audio)."""
import torch
from torch import nn


class ConditionedLstm(nn.Module):
    def __init__(self, knobs, hidden, skip):
        super().__init__()
        self.knobs, self.hidden, self.skip = knobs, hidden, skip
        self.rec = nn.LSTM(1 + knobs, hidden, batch_first=True)
        self.lin = nn.Linear(hidden, 1)

    def forward(self, audio, knobs, state=None):
        """audio [B, T], knobs [B, K] held for the whole chunk -> output [B, T], (h, c)."""
        x = torch.cat([audio.unsqueeze(-1), knobs.unsqueeze(1).expand(-1, audio.shape[1], -1)], dim=-1)
        y, state = self.rec(x, state)
        y = self.lin(y).squeeze(-1)
        return (y + audio if self.skip else y), state


class OnnxBlock(nn.Module):
    """The exported graph: one fixed block with the recurrent state as explicit inputs and outputs."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, audio, knobs, h_in, c_in):
        y, (h, c) = self.model(audio, knobs, (h_in, c_in))
        return y, h, c
