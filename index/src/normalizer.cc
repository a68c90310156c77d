#include "beladdr/index/normalizer.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <mutex>

#include "beladdr/utf8.h"

namespace beladdr {
bool IsValidUtf8(std::string_view text) {
  return internal::Normalizer::ValidateUtf8(text).ok();
}
}  // namespace beladdr

namespace beladdr::internal {
namespace {

// ICU compound transliterators. The German one spells umlauts out first.
constexpr char16_t kPlainRules[] =
    u":: NFKC ; :: Any-Latin ; :: Latin-ASCII ; :: Lower ;";
constexpr char16_t kGermanRules[] =
    u":: NFC ; [äÄ] > ae ; [öÖ] > oe ; [üÜ] > ue ;"
    u" :: NFKC ; :: Any-Latin ; :: Latin-ASCII ; :: Lower ;";

// Marks people type instead of an apostrophe; ICU would turn some of them
// into a space plus a combining accent.
bool IsApostropheLike(UChar32 c) {
  return c == 0x60 || c == 0xB4 || (c >= 0x2B9 && c <= 0x2BD) ||
         (c >= 0x2018 && c <= 0x201B) || c == 0x2032;
}

// The code points whose folding does not depend on their neighbours, and
// which we therefore cache: Latin, spacing modifiers, general punctuation.
bool IsTableRange(UChar32 c) {
  return c < 0x300 || (c >= 0x1E00 && c < 0x1F00) ||
         (c >= 0x2000 && c < 0x2070);
}

// Final ASCII pass: keeps [a-z0-9] and canonical punctuation.
char MapAscii(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
  if (c == '[' || c == '{') return '(';
  if (c == ']' || c == '}') return ')';
  if (kFoldedPunctuation.find(c) != std::string_view::npos) return c;
  return ' ';
}

void AppendMapped(std::string_view icu_output, std::string* out) {
  for (char c : icu_output) {
    out->push_back(static_cast<unsigned char>(c) < 0x80 ? MapAscii(c) : ' ');
  }
}

}  // namespace

// Hands out transliterators so that no two threads use one at a time. The
// prototype is built once; clones are made only when more threads than ever
// before fold non-table text at the same moment, and are kept for reuse.
class Normalizer::TransliteratorPool {
 public:
  explicit TransliteratorPool(std::unique_ptr<icu::Transliterator> prototype)
      : prototype_(std::move(prototype)) {}

  class Lease {
   public:
    Lease(TransliteratorPool* pool, std::unique_ptr<icu::Transliterator> t)
        : pool_(pool), t_(std::move(t)) {}
    ~Lease() {
      if (t_) pool_->Release(std::move(t_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    icu::Transliterator* get() const { return t_.get(); }

   private:
    TransliteratorPool* pool_;
    std::unique_ptr<icu::Transliterator> t_;
  };

  Lease Acquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) {
      return Lease(this,
                   std::unique_ptr<icu::Transliterator>(prototype_->clone()));
    }
    std::unique_ptr<icu::Transliterator> t = std::move(free_.back());
    free_.pop_back();
    return Lease(this, std::move(t));
  }

 private:
  void Release(std::unique_ptr<icu::Transliterator> t) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(t));
  }

  std::unique_ptr<icu::Transliterator> prototype_;
  std::mutex mu_;
  std::vector<std::unique_ptr<icu::Transliterator>> free_;
};

Normalizer::Normalizer() = default;
Normalizer::~Normalizer() = default;

StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create() {
  std::unique_ptr<Normalizer> n(new Normalizer());
  BELADDR_RETURN_IF_ERROR(n->Init());
  return n;
}

const Normalizer& Normalizer::Default() {
  static const Normalizer* const instance = [] {
    StatusOr<std::unique_ptr<Normalizer>> n = Create();
    if (!n.ok()) {
      std::cerr << "beladdr: ICU is unusable: " << n.status().ToString()
                << "\n";
      std::abort();
    }
    return std::move(n).value().release();
  }();
  return *instance;
}

Status Normalizer::Init() {
  const char16_t* rules[2] = {kPlainRules, kGermanRules};
  for (int form = 0; form < 2; ++form) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
        form == 0 ? "beladdr-fold" : "beladdr-fold-de",
        icu::UnicodeString(rules[form]), UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || t == nullptr) {
      return Status::Internal(std::string("ICU transliterator: ") +
                              u_errorName(status));
    }
    table_[form].assign(kTableSize, std::string());
    mapped_[form].assign(kTableSize, false);
    for (UChar32 c = 0; c < static_cast<UChar32>(kTableSize); ++c) {
      if (!IsTableRange(c)) continue;
      std::string& entry = table_[form][static_cast<size_t>(c)];
      if (c < 0x80) {
        entry.assign(1, MapAscii(static_cast<char>(c)));
      } else if (IsApostropheLike(c)) {
        entry = "'";
      } else {
        icu::UnicodeString u(c);
        t->transliterate(u);
        std::string utf8;
        u.toUTF8String(utf8);
        AppendMapped(utf8, &entry);
      }
      mapped_[form][static_cast<size_t>(c)] = true;
    }
    pools_[form] = std::make_unique<TransliteratorPool>(std::move(t));
  }
  return Status::OK();
}

Status Normalizer::Fold(std::string_view utf8, Form form,
                        std::string* out) const {
  out->clear();
  out->reserve(utf8.size());
  const int f = form == Form::kGerman ? 1 : 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument("text too long");
  }
  bool needs_icu = false;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      return Status::InvalidArgument("invalid UTF-8 at byte " +
                                     std::to_string(start));
    }
    if (needs_icu) continue;  // keep validating, fold below
    if (c < static_cast<UChar32>(kTableSize) &&
        mapped_[f][static_cast<size_t>(c)]) {
      out->append(table_[f][static_cast<size_t>(c)]);
    } else {
      needs_icu = true;
    }
  }
  if (!needs_icu) return Status::OK();
  return FoldWithIcu(utf8, form, out);
}

Status Normalizer::FoldWithIcu(std::string_view utf8, Form form,
                               std::string* out) const {
  // Input is valid UTF-8 here (checked by Fold).
  icu::UnicodeString u;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    u.append(IsApostropheLike(c) ? UChar32{'\''} : c);
  }
  {
    TransliteratorPool::Lease lease =
        pools_[form == Form::kGerman ? 1 : 0]->Acquire();
    lease.get()->transliterate(u);
  }
  std::string folded;
  u.toUTF8String(folded);
  out->clear();
  AppendMapped(folded, out);
  return Status::OK();
}

std::string Normalizer::SplitCaseBoundaries(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 4);
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int letters = 0;           // letters of the current word so far
  bool capitalised = false;  // its first letter is uppercase
  bool lower = false;        // its last letter is lowercase
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const bool alpha = c >= 0 && u_isalpha(c);
    if (alpha && u_isupper(c) && lower &&
        (letters >= 3 || (letters == 2 && capitalised))) {
      out.push_back(' ');
      letters = 0;
    }
    if (alpha) {
      if (letters == 0) capitalised = u_isupper(c);
      ++letters;
      lower = u_islower(c);
    } else {
      letters = 0;
      lower = false;
    }
    out.append(utf8.substr(static_cast<size_t>(start),
                           static_cast<size_t>(i - start)));
  }
  return out;
}

std::vector<Token> Normalizer::Tokenize(std::string_view folded) {
  std::vector<Token> tokens;
  size_t i = 0;
  const size_t n = folded.size();
  auto is_alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  while (i < n) {
    // Classify the gap before the next token.
    bool comma = false, open = false, close = false, hyphen = false,
         slash = false, apostrophe = false, dot = false, space = false;
    bool spaced_hyphen = false;
    const size_t gap_begin = i;
    while (i < n && !is_alnum(folded[i])) {
      switch (folded[i]) {
        case ',':
          comma = true;
          break;
        case '(':
          open = true;
          break;
        case ')':
          close = true;
          break;
        case '-':
          hyphen = true;
          break;
        case '/':
          slash = true;
          break;
        case '\'':
          apostrophe = true;
          break;
        case '.':
          dot = true;
          break;
        default:
          space = true;
          break;
      }
      ++i;
    }
    if (hyphen && space) spaced_hyphen = true;
    if (i >= n) break;
    const size_t gap_start = gap_begin;
    const size_t start = i;
    while (i < n && is_alnum(folded[i])) ++i;
    Token token;
    token.gap = static_cast<uint8_t>(std::min<size_t>(start - gap_start, 255));
    token.text.assign(folded.substr(start, i - start));
    if (tokens.empty()) {
      token.before = Separator::kNone;
    } else if (comma) {
      token.before = Separator::kComma;
    } else if (open) {
      token.before = Separator::kOpenParen;
    } else if (close) {
      token.before = Separator::kCloseParen;
    } else if (spaced_hyphen) {
      token.before = Separator::kSpacedHyphen;
    } else if (slash) {
      token.before = Separator::kSlash;
    } else if (hyphen) {
      token.before = Separator::kHyphen;
    } else if (apostrophe) {
      token.before = Separator::kApostrophe;
    } else if (dot) {
      token.before = Separator::kDot;
    } else {
      token.before = Separator::kSpace;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

StatusOr<std::string> Normalizer::NormalizeName(std::string_view utf8,
                                                Form form) const {
  std::string folded;
  BELADDR_RETURN_IF_ERROR(Fold(utf8, form, &folded));
  std::string joined;
  for (const Token& t : Tokenize(folded)) {
    if (!joined.empty()) joined.push_back(' ');
    joined += t.text;
  }
  return joined;
}

Status Normalizer::ValidateUtf8(std::string_view utf8) {
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument("text too long");
  }
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      return Status::InvalidArgument("invalid UTF-8 at byte " +
                                     std::to_string(start));
    }
  }
  return Status::OK();
}

bool Normalizer::HasGermanForm(std::string_view utf8) const {
  // ä ö ü Ä Ö Ü precomposed, or a combining diaeresis.
  for (size_t i = 0; i + 1 < utf8.size(); ++i) {
    const auto a = static_cast<uint8_t>(utf8[i]);
    const auto b = static_cast<uint8_t>(utf8[i + 1]);
    if (a == 0xC3 && (b == 0xA4 || b == 0xB6 || b == 0xBC || b == 0x84 ||
                      b == 0x96 || b == 0x9C)) {
      return true;
    }
    if (a == 0xCC && b == 0x88) return true;
  }
  return false;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

}  // namespace beladdr::internal
