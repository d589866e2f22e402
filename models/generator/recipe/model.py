"""Small decoder-only transformer with rotary positions and an explicit KV cache.

The same module serves training (past length 0, full causal mask) and the exported ONNX step graph
(past keys/values per layer in, present out, plus a position offset), so the C# sampler and the
training loss see exactly the same computation.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def rotary_tables(positions, head_dim, base=10000.0):
    # positions: [T] int64 -> cos/sin [T, head_dim/2]; computed in-graph so any offset works at run time.
    inv = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    angles = positions.to(torch.float32)[:, None] * inv[None, :]
    return torch.cos(angles), torch.sin(angles)


def apply_rotary(x, cos, sin):
    # x: [B, H, T, D]; rotate (even, odd) halves split as first/second half (GPT-NeoX layout).
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, dropout):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.ff1 = nn.Linear(d_model, d_ff)
        self.ff2 = nn.Linear(d_ff, d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        b, t, c = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).split(c, dim=-1)
        q = q.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        q = apply_rotary(q, cos, sin)
        k = apply_rotary(k, cos, sin)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)
        att = att.masked_fill(mask, float("-inf"))
        att = self.drop(torch.softmax(att, dim=-1))
        y = (att @ v).transpose(1, 2).reshape(b, t, c)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))
        return x, k, v


class Decoder(nn.Module):
    def __init__(self, vocab, d_model=256, n_layers=4, n_heads=4, d_ff=1024, dropout=0.1):
        super().__init__()
        self.cfg = dict(vocab=vocab, d_model=d_model, n_layers=n_layers, n_heads=n_heads, d_ff=d_ff)
        self.embed = nn.Embedding(vocab, d_model)
        self.blocks = nn.ModuleList([Block(d_model, n_heads, d_ff, dropout) for _ in range(n_layers)])
        self.ln_f = nn.LayerNorm(d_model)
        self.drop = nn.Dropout(dropout)
        self.head_dim = d_model // n_heads
        self.n_heads = n_heads
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def empty_past(self, batch):
        z = torch.zeros(batch, self.n_heads, 0, self.head_dim)
        return [(z, z) for _ in self.blocks]

    def forward(self, ids, offset, past):
        """ids [B,T]; offset: int64 scalar tensor (absolute position of ids[:,0]); past: list of (k,v)."""
        t = ids.shape[1]
        p = past[0][0].shape[2]
        positions = offset + torch.arange(t, dtype=torch.int64)
        cos, sin = rotary_tables(positions, self.head_dim)
        # Query i sits at cache index p+i and may see keys 0..p+i.
        q_idx = torch.arange(t, dtype=torch.int64)[:, None] + p
        k_idx = torch.arange(p + t, dtype=torch.int64)[None, :]
        mask = k_idx > q_idx
        x = self.drop(self.embed(ids))
        present = []
        for blk, (pk, pv) in zip(self.blocks, past):
            x, k, v = blk(x, cos, sin, mask, pk, pv)
            present.append((k, v))
        x = self.ln_f(x)
        logits = x @ self.embed.weight.t()  # tied output projection keeps the file small
        return logits, present
