#include "internal/trigram_index.h"

#include "internal/coding.h"

namespace beladdr::internal {

TrigramIndex::TrigramIndex() : lists_(kSymbols * kSymbols * kSymbols) {}

Status TrigramIndex::Add(Trigram trigram, std::string_view encoded) {
  const int slot = Slot(trigram);
  if (slot < 0) {
    return Status::Corruption("trigram with unexpected bytes: '" +
                              TrigramKey(trigram) + "'");
  }
  List& list = lists_[static_cast<size_t>(slot)];
  if (list.count != 0) return Status::Corruption("trigram listed twice");
  const size_t start = ids_.size();
  PostingIterator it(encoded);
  for (; it.Valid(); it.Next()) ids_.push_back(it.value());
  const size_t seen = ids_.size() - start;
  if (!it.ok() || seen != it.size()) {
    ids_.resize(start);
    return Status::Corruption("malformed posting list for trigram '" +
                              TrigramKey(trigram) + "'");
  }
  list.offset = static_cast<uint32_t>(start);
  list.count = static_cast<uint32_t>(seen);
  ++size_;
  return Status::OK();
}

size_t TrigramIndex::MemoryUsage() const {
  return ids_.capacity() * sizeof(uint32_t) + lists_.capacity() * sizeof(List);
}

}  // namespace beladdr::internal
