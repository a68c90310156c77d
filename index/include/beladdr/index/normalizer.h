// Text folding for matching: one definition, used by the importer when it
// writes name variants and by the engine when it reads a query, so that both
// sides agree byte for byte.
//
// Fold() turns UTF-8 into lower-case ASCII letters and digits plus a small
// set of canonical punctuation marks (see kFoldedPunctuation). It applies
// NFKC, removes accents, transliterates other scripts to Latin and
// lower-cases, all as defined by ICU ("NFKC; Any-Latin; Latin-ASCII; Lower").
// The German form additionally writes ä/ö/ü as ae/oe/ue, so that "Lüttich"
// can be indexed both as "luttich" and as "luettich".
//
// Speed: ICU defines the folding, but for the code points that Belgian text
// actually uses (ASCII, Latin-1, Latin Extended-A/B, general punctuation)
// Create() runs ICU once per code point and caches the answer in a table, so
// the hot path is a table walk. Other input (combining marks, other scripts,
// compatibility characters) goes through a pooled ICU transliterator.
//
// Thread safety: a Normalizer is immutable after Create(); all const methods
// may be called concurrently. Transliterators are created once and leased
// from a pool, never shared between two threads at the same time.

#ifndef BELADDR_INDEX_NORMALIZER_H_
#define BELADDR_INDEX_NORMALIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::internal {

// Punctuation kept by Fold(); every other non-alphanumeric becomes ' '.
inline constexpr std::string_view kFoldedPunctuation = ",-/().'";

// What separated a token from the one before it (the strongest mark wins:
// comma > parenthesis > spaced hyphen > slash > hyphen > apostrophe > dot >
// space).
enum class Separator : uint8_t {
  kNone,  // first token
  kSpace,
  kDot,           // "St.Pieters"
  kApostrophe,    // "l'eglise"
  kHyphen,        // "Sint-Pieters" (no spaces around the hyphen)
  kSlash,         // "12/3"
  kSpacedHyphen,  // "Rue X - X-straat"
  kOpenParen,     // "Graanmarkt(Kor)"
  kCloseParen,
  kComma,
};

struct Token {
  std::string text;  // [a-z0-9]+
  Separator before = Separator::kNone;
  uint8_t gap = 0;  // bytes between this token and the previous one
};

class Normalizer {
 public:
  enum class Form : uint8_t {
    kPlain,   // ü -> u
    kGerman,  // ü -> ue, ö -> oe, ä -> ae
  };

  // Builds the folding tables and the transliterator prototypes (a few
  // milliseconds). Create one per process and share it.
  static StatusOr<std::unique_ptr<Normalizer>> Create();

  // A process-wide instance, created on first use. Aborts only if ICU
  // itself is unusable (no data), which is an installation error.
  static const Normalizer& Default();

  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Appends the folded form of `utf8` to *out (which is cleared first).
  // Returns InvalidArgument, naming the byte offset, for ill-formed UTF-8
  // (including overlong forms and surrogates).
  Status Fold(std::string_view utf8, Form form, std::string* out) const;

  // Inserts a space where a lowercase letter meets an uppercase one inside
  // a word ("RuSt-Martin" -> "Ru St-Martin", "AvenThomas"): the trace of
  // words glued by an extraction. Only after three letters, or two that
  // start with a capital ("Ru", "Av"): "'sGravenbrakel" stays one word, and
  // so does a typo ("ghTys"). Ill-formed UTF-8 is copied as is (Fold
  // reports it).
  static std::string SplitCaseBoundaries(std::string_view utf8);

  // Splits folded text into [a-z0-9]+ tokens with their separators.
  static std::vector<Token> Tokenize(std::string_view folded);

  // Fold + Tokenize + join the token texts with single spaces: the
  // canonical text of a name ("Rue de l'Église" -> "rue de l eglise").
  StatusOr<std::string> NormalizeName(std::string_view utf8,
                                      Form form = Form::kPlain) const;

  // OK when `utf8` is well-formed UTF-8 (no overlong forms, surrogates or
  // truncated sequences); otherwise InvalidArgument naming the byte offset.
  static Status ValidateUtf8(std::string_view utf8);

  // True when `utf8` contains a letter whose German form differs from its
  // plain form (ä, ö, ü in any case or composition).
  bool HasGermanForm(std::string_view utf8) const;

 private:
  class TransliteratorPool;
  Normalizer();
  Status Init();
  Status FoldWithIcu(std::string_view utf8, Form form, std::string* out) const;

  // Folded text per code point for [0, kTableSize); kUnmapped means "ask
  // ICU". Index [form][code point].
  static constexpr uint32_t kTableSize = 0x2070;
  std::vector<std::string> table_[2];
  std::vector<bool> mapped_[2];
  std::unique_ptr<TransliteratorPool> pools_[2];
};

// Folded words back to text: joined by one space.
std::string JoinWords(const std::vector<std::string>& words);

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_NORMALIZER_H_
