"""Training and evaluation loops shared by the FP32 and QAT recipes (the seed's: NLL on log-softmax, batch 256)."""
import functools
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import WORDS, load_split, model_input_batches

BATCH_SIZE = 256


@functools.lru_cache(maxsize=4)
def load_inputs(split, words=tuple(WORDS)):
    """Model inputs [N, 1, 8000] and labels of one split, limited to `words` and labelled in their order."""
    audio, labels, _ = load_split(split)
    relabel = np.full(len(WORDS), -1)
    relabel[[WORDS.index(w) for w in words]] = np.arange(len(words))
    labels = relabel[labels]
    keep = labels >= 0
    if not keep.all():  # (indexing would copy the 1 GB training split even when it keeps everything)
        audio, labels = audio[keep], labels[keep]
    return model_input_batches(audio), torch.from_numpy(labels)


def train_epochs(model, optimizer, scheduler, epochs, inputs, labels, evaluate_on=None, log=None, after_epoch=None):
    log = log or functools.partial(print, flush=True)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(1, epochs + 1):
        model.train()
        started, total_loss = time.time(), 0.0
        order = torch.randperm(len(labels), generator=generator)
        for i in range(0, len(order), BATCH_SIZE):
            batch = order[i:i + BATCH_SIZE]
            output = model(inputs[batch])
            loss = F.nll_loss(output.squeeze(1), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(batch)
        if scheduler is not None:
            scheduler.step()
        message = f"epoch {epoch}: loss {total_loss / len(labels):.4f} ({time.time() - started:.1f} s)"
        if evaluate_on is not None:
            message += f", validation accuracy {accuracy(model, *evaluate_on):.2f}%"
        log(message)
        if after_epoch is not None:
            after_epoch(epoch)


def predict(model, inputs):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(inputs[i:i + BATCH_SIZE]).squeeze(1).argmax(dim=-1)
                          for i in range(0, len(inputs), BATCH_SIZE)])


def accuracy(model, inputs, labels):
    return 100.0 * (predict(model, inputs) == labels).sum().item() / len(labels)
