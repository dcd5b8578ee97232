"""Fine-tune a pretrained BERT encoder for sentiment classification.

Hover any ML term below (learning_rate, AdamW, dropout, warmup_steps...) to see what it means.
"""
import math

import torch
from torch import nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

# Hyperparameters
learning_rate = 2e-5
weight_decay = 0.01
batch_size = 32
num_epochs = 3
warmup_steps = 100
grad_clip = 1.0
dropout_prob = 0.1
label_smoothing = 0.1


class SentimentClassifier(nn.Module):
    """A pretrained encoder with a small classification head on top."""

    def __init__(self, encoder_name: str, num_labels: int = 2):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_name)
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout_prob)
        self.head = nn.Linear(hidden, num_labels)

    def forward(self, input_ids, attention_mask):
        outputs = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        pooled = outputs.last_hidden_state[:, 0]  # the [CLS] embedding
        logits = self.head(self.dropout(pooled))
        return logits


def fine_tune(model, train_loader: DataLoader, val_loader: DataLoader, device: str = "cpu"):
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
    total_steps = len(train_loader) * num_epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, warmup_steps, total_steps)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=label_smoothing)
    best_val_accuracy = 0.0

    for epoch in range(num_epochs):
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            logits = model(batch["input_ids"].to(device), batch["attention_mask"].to(device))
            loss = loss_fn(logits, batch["labels"].to(device))
            loss.backward()  # backpropagation
            torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
            optimizer.step()
            scheduler.step()

        val_accuracy = evaluate(model, val_loader, device)
        print(f"epoch {epoch + 1}: val accuracy {val_accuracy:.3f}")
        if val_accuracy > best_val_accuracy:  # simple early stopping on the validation set
            best_val_accuracy = val_accuracy
            torch.save(model.state_dict(), "best_checkpoint.pt")
    return best_val_accuracy


@torch.no_grad()
def evaluate(model, loader: DataLoader, device: str = "cpu") -> float:
    model.eval()
    correct = total = 0
    for batch in loader:
        logits = model(batch["input_ids"].to(device), batch["attention_mask"].to(device))
        predictions = logits.softmax(dim=-1).argmax(dim=-1)
        correct += (predictions == batch["labels"].to(device)).sum().item()
        total += len(predictions)
    return correct / max(total, 1)


if __name__ == "__main__":
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    pretrained_model = SentimentClassifier("bert-base-uncased")
    print("tokenized:", tokenizer("pre-training helps fine-tuning")["input_ids"])
    print("perplexity of a uniform model over the vocabulary:", math.log(tokenizer.vocab_size))
