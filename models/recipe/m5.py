"""The seed's M5 keyword-spotting CNN, with the stubs and fusion lists eager-mode quantization needs."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import DeQuantStub, QuantStub

from quantization import converted, prepared


class M5(nn.Module):
    def __init__(self, n_input=1, n_output=35, stride=16, n_channel=32, conv_kernel_sizes=(80, 3, 3, 3)):
        super().__init__()
        k1, k2, k3, k4 = conv_kernel_sizes
        self.conv1 = nn.Conv1d(n_input, n_channel, kernel_size=k1, stride=stride)
        self.bn1 = nn.BatchNorm1d(n_channel)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool1d(4)
        self.conv2 = nn.Conv1d(n_channel, n_channel, kernel_size=k2)
        self.bn2 = nn.BatchNorm1d(n_channel)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool1d(4)
        self.conv3 = nn.Conv1d(n_channel, 2 * n_channel, kernel_size=k3)
        self.bn3 = nn.BatchNorm1d(2 * n_channel)
        self.relu3 = nn.ReLU()
        self.pool3 = nn.MaxPool1d(4)
        self.conv4 = nn.Conv1d(2 * n_channel, 2 * n_channel, kernel_size=k4)
        self.bn4 = nn.BatchNorm1d(2 * n_channel)
        self.relu4 = nn.ReLU()
        self.pool4 = nn.MaxPool1d(4)
        self.fc1 = nn.Linear(2 * n_channel, n_output)
        # Registered last so the quantized state_dict lists quant.scale/zero_point last, as the seed's does.
        self.quant = QuantStub()
        self.dequant = DeQuantStub()
        # ONNX export: global average pooling written as a mean over time (same values, portable operator).
        self.pool_as_mean = False

    def features(self, x):
        """Everything up to and including fc1, one named step at a time (the references record each step)."""
        yield "quant", (x := self.quant(x))
        for i in range(1, 5):
            conv, bn, relu, pool = (getattr(self, f"{n}{i}") for n in ("conv", "bn", "relu", "pool"))
            yield f"conv{i}", (x := relu(bn(conv(x))))
            yield f"pool{i}", (x := pool(x))
        yield "avgpool", (x := self.global_average(x))
        yield "fc1", self.fc1(x.permute(0, 2, 1))

    def global_average(self, x):
        if self.pool_as_mean:
            return x.mean(dim=-1, keepdim=True)
        # Over one position the average is the value itself (same int8 codes, scale and zero point); QNNPACK
        # refuses a pool of one element, so it is skipped there.
        return x if x.shape[-1] == 1 else F.avg_pool1d(x, x.shape[-1])

    def forward(self, x):
        for _, x in self.features(x):
            pass
        return F.log_softmax(self.dequant(x), dim=2)

    def fuse_model(self, qat=False):
        """Fuses each conv/bn/relu triple (for QAT: into modules that keep training the batch norm)."""
        fuse = torch.ao.quantization.fuse_modules_qat if qat else torch.ao.quantization.fuse_modules
        fuse(self, [[f"conv{i}", f"bn{i}", f"relu{i}"] for i in range(1, 5)], inplace=True)


def from_config(config):
    return M5(**config["model"]["base_cnn"])


def quantized_from_config(config, state_dict):
    """A converted (int8) M5 with the given PTQ or QAT state_dict loaded: both have the same converted modules."""
    model = converted(prepared(from_config(config), torch.ao.quantization.get_default_qconfig("x86")))
    model.load_state_dict(state_dict)
    return model
