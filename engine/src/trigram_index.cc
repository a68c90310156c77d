#include "internal/trigram_index.h"

#include "internal/coding.h"

namespace beladdr::internal {

TrigramIndex::TrigramIndex() : lists_(kSymbols * kSymbols * kSymbols) {}

Status TrigramIndex::Add(Trigram trigram, std::string_view encoded) {
  const int slot = Slot(trigram);
  if (slot < 0) {
    return Status::Corruption("trigram with unexpected bytes: '" + TrigramKey(trigram) + "'");
  }
  PostingIterator it(encoded);
  uint32_t seen = 0;
  for (; it.Valid(); it.Next()) ++seen;
  if (!it.ok() || seen != it.size()) {
    return Status::Corruption("malformed posting list for trigram '" +
                              TrigramKey(trigram) + "'");
  }
  List& list = lists_[static_cast<size_t>(slot)];
  if (list.count != 0 || list.length != 0) return Status::Corruption("trigram listed twice");
  list.offset = static_cast<uint32_t>(arena_.size());
  list.length = static_cast<uint32_t>(encoded.size());
  list.count = seen;
  arena_.append(encoded);
  ++size_;
  return Status::OK();
}

size_t TrigramIndex::MemoryUsage() const {
  return arena_.capacity() + lists_.capacity() * sizeof(List);
}

}  // namespace beladdr::internal
