# PyTorch's text-classification tutorial: an EmbeddingBag (mean of each text's word vectors)
# and a Linear layer, fed flat token ids with offsets, trained with SGD and gradient clipping.
# Losses and accuracies are printed rounded (torch's float32 sums vary by ulps
# across CPUs); the parameters after training likewise.
import torch
from torch import nn

train_iter = [
    (1, "stocks rally as markets rise"),
    (2, "the team wins the final match"),
    (3, "new phone chip is faster"),
    (0, "leaders meet to sign the treaty"),
    (1, "markets fall as stocks slide"),
    (2, "coach praises the team after match"),
    (3, "chip makers show new phone"),
    (0, "treaty talks end as leaders leave"),
]
vocab = {}
for _, text in train_iter:
    for token in text.split():
        vocab.setdefault(token, len(vocab))
text_pipeline = lambda x: [vocab[token] for token in x.split()]


def collate_batch(batch):
    label_list, text_list, offsets = [], [], [0]
    for _label, _text in batch:
        label_list.append(_label)
        processed_text = torch.tensor(text_pipeline(_text), dtype=torch.int64)
        text_list.append(processed_text)
        offsets.append(processed_text.size(0))
    label_list = torch.tensor(label_list, dtype=torch.int64)
    offsets = torch.tensor(offsets[:-1]).cumsum(dim=0)
    text_list = torch.cat(text_list)
    return label_list, text_list, offsets


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super(TextClassificationModel, self).__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)
        self.init_weights()

    def init_weights(self):
        initrange = 0.5
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.fc.weight.data.uniform_(-initrange, initrange)
        self.fc.bias.data.zero_()

    def forward(self, text, offsets):
        embedded = self.embedding(text, offsets)
        return self.fc(embedded)


torch.manual_seed(0)
model = TextClassificationModel(len(vocab), 8, 4)
print(model)
label, text, offsets = collate_batch(train_iter[:4])
print(label, text, offsets)
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=5)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.1)

for epoch in range(1, 4):
    model.train()
    total_acc, total_count = 0, 0
    for idx in range(0, len(train_iter), 4):
        label, text, offsets = collate_batch(train_iter[idx : idx + 4])
        optimizer.zero_grad()
        predicted_label = model(text, offsets)
        loss = criterion(predicted_label, label)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
        optimizer.step()
        total_acc += (predicted_label.argmax(1) == label).sum().item()
        total_count += label.size(0)
        print(
            f"epoch {epoch} batch {idx // 4} loss {loss.item():.4f} grad_fn {predicted_label.grad_fn.name()}"
        )
    print(
        f"| epoch {epoch:3d} | accuracy {total_acc / total_count:8.3f} | lr {scheduler.get_last_lr()[0]:.4f}"
    )
    scheduler.step()

model.eval()
with torch.no_grad():
    label, text, offsets = collate_batch(train_iter)
    out = model(text, offsets)
    print(out.argmax(1), label)
    print(torch.round(model.embedding.weight[:3], decimals=3))
ex_text_str = "markets rally as the team wins"
with torch.no_grad():
    text = torch.tensor(text_pipeline(ex_text_str))
    output = model(text, torch.tensor([0]))
    print(f"This is a {output.argmax(1).item() + 1} news")
