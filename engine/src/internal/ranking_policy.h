// RankingPolicy: every number that decides how a search reads and ranks a
// query, named once, in the spirit of Xapian's BM25Weight(k1, k2, k3, b):
// the pipeline stages (searcher_impl.h lists them) read their thresholds
// and weights from here and carry no literals of their own. The quality
// harness (bench/quality) measures any change, and sets any field by name
// (SetPolicyField; beladdr-quality --policy NAME=VALUE) to sweep it.
//
// The values were chosen on the development query sets (bench/queries) and
// checked on the validation sets (bench/queries/validation); README,
// "Quality", has the figures.
//
// Thread safety: a plain value type.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_RANKING_POLICY_H_
#define BELADDR_ENGINE_SRC_INTERNAL_RANKING_POLICY_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::internal {

// How similar one query word is to one name word (WordMatcher, the rule
// word_matcher.h describes).
struct WordSimilarityPolicy {
  // A prefix of 4 letters or more: prefix_base + prefix_share * the share
  // of the name word it keeps ("pietersnieuwstr" of "pietersnieuwstraat").
  double prefix_base = 0.55;
  double prefix_share = 0.45;
  // Only the stem before a street type ("amsterdam" of "amsterdamstraat").
  double stem_only = 0.65;
  // A misspelling: 1 - edit_cost * edits / length, times first_letter when
  // the first letter differs (people rarely mistype it). A tie-break between
  // misspellings with as many edits: one edit at the start still beats two
  // inside a word of up to 16 letters ("tatiestraat": Statiestraat before
  // Tarwestraat).
  double edit_cost = 0.8;
  double first_letter = 0.95;
};

// Votes of the language detector (language_detector.h), per word of the
// query and for the place it names.
struct LanguageVotes {
  double street_type = 2.0;         // rue, straat, strasse
  double stopword = 1.0;            // du, het, der
  double title_reading = 0.5;       // st -> saint / sint / sankt
  double compound_suffix = 2.0;     // ...straat, ...strasse
  double abbreviated_suffix = 1.0;  // ...str
  double place_name = 1.5;          // Luik, Liège, Lüttich
  double equivalent = 1.0;          // kerk, eglise, kirche (equivalents.txt)
};

struct RankingPolicy {
  WordSimilarityPolicy word;
  LanguageVotes language;

  // ---- Places: how sure a place match must be for each use --------------
  // A place match's quality is 1 for an exact name, place_reading_quality
  // through a dictionary reading ("st gillis"), 1 - place_edit_cost * edits
  // / length for a misspelling, place_prefix_quality for a bracketed
  // prefix ("(kor)" of Kortrijk).
  double place_reading_quality = 0.98;
  double place_prefix_quality = 0.7;
  double place_edit_cost = 1.5;
  // Named: the query names this place; its streets are the scope that
  // candidates favour and scans cover, and a place-only reading needs it.
  double named_place = 0.75;
  // Strong: a street elsewhere conflicts with it, and the scorer may keep
  // its words out of the street's alignment.
  double strong_place = 0.85;
  // Sure: its words are the place, not street words (the query reading,
  // query_reading.h, decides this once for every stage).
  double sure_place = 0.9;
  // A single place spanning every word is read as that place, not a street.
  double whole_query_place = 0.95;
  // A deelgemeente reads a shade less than a municipality of the same name
  // ("Aalst" is the municipality before the part of Sint-Truiden).
  double locality_place_factor = 0.98;
  // A place name that is only part of a hyphenated word ("Sauvenière" of
  // "Haute-Sauvenière") is not even a named place.
  double cut_compound_place_factor = 0.7;
  // Agreement of a street with a named locality: in the locality's own
  // postcode, or elsewhere in its municipality (times the match quality).
  double locality_own_postcode = 0.99;
  double locality_same_municipality = 0.85;
  // A place-only reading gives way to a street that scores this well and
  // matches some words by its name ("Hooilaart Opdorp").
  double street_over_place = 0.8;

  // ---- Query words: how much each must be explained ----------------------
  double query_stopword_weight = 0.15;
  double query_initial_weight = 0.25;
  double query_street_type_weight = 0.5;
  // Words inside brackets: hints, cheap to leave unexplained.
  double bracket_word_weight = 0.3;

  // ---- Name words: how much each counts in the name's coverage ----------
  double name_stopword_weight = 0.1;
  double name_initial_weight = 0.25;
  double name_street_type_weight = 0.5;
  double name_title_weight = 0.6;
  // A given name before a surname ("Emile" of Rue Emile Verhaeren), often
  // left out: leaving it out costs less than misspelling the surname ("Rue
  // Leotard" is Rue Maurice Leotard before Rue Lotard).
  double given_name_weight = 0.3;

  // ---- Word pairs ---------------------------------------------------------
  // Pairs below this similarity are not aligned at all.
  double min_pair_similarity = 0.5;
  // A dictionary reading of the query word equals the name word ("chee").
  double reading_similarity = 0.97;
  // A reading that is itself misspelt: its similarity times this.
  double misspelt_reading_factor = 0.95;
  // A one-letter slip in a word of 2-3 letters ("ruee", "dess"), for a
  // street of the place the query names.
  double short_slip_similarity = 0.75;
  // ... and, when lenient (Scorer::set_lenient), in words of
  // scoped_min_length letters or more, an edit (two from
  // scoped_two_edit_length letters) whatever the first letters.
  size_t scoped_min_length = 5;
  size_t scoped_two_edit_length = 8;
  // The same meaning in other words (Scorer::AddConceptOptions): another
  // language or an adjectival place name ("eglise" / kerk, "gentse" /
  // Gent), another street type ("route" / rue, "-dreef" / -laan), a street
  // type added to a name that has none ("voortstraat" / Voort).
  double translation_similarity = 0.85;
  // The Dutch adjectival place form for the "op"/"naar" form, one meaning
  // in one language ("gentse steenweg" / Steenweg op Gent).
  double adjectival_similarity = 0.95;
  double type_swap_similarity = 0.7;
  double type_added_similarity = 0.85;
  // The same number written otherwise ("1er" / Ier, "3" / III).
  double numeral_similarity = 0.95;
  // A query word agrees with an initial of the name ("J. Appelmanslaan"),
  // or a query initial with a given name of the name ("E. Verhaeren").
  double initial_similarity = 0.8;
  // Compounds split or joined in the query must read this well.
  double min_compound_similarity = 0.8;
  // A name word this well matched alone is not tried as a compound.
  double good_single_similarity = 0.95;
  // A word left over that matches the street's other-language name this
  // well is explained ("Rue X - X-straat").
  double other_name_similarity = 0.8;

  // ---- The score ------------------------------------------------------------
  //   score = name_weight * name coverage + query_weight * query coverage
  //         + place_weight * place agreement, then the factors below.
  double name_weight = 0.55;
  double query_weight = 0.30;
  double place_weight = 0.15;
  // Postcode agreement: the street's own postcode 1, another postcode of
  // its municipality postcode_same_municipality, a neighbouring postcode
  // (same hundred) postcode_near, else 0 (a conflict).
  double postcode_same_municipality = 0.5;
  double postcode_near = 0.25;
  // Place agreement when the query gives neither postcode nor place.
  double neutral_place_agreement = 0.5;
  // Evidence: matched words, postcode and place; full_evidence or more
  // keeps the score, none multiplies it by evidence_floor. A house number
  // or a street field adds address_evidence each.
  double full_evidence = 2.0;
  double address_evidence = 0.5;
  double evidence_floor = 0.6;
  // Penalties (factors).
  double near_postcode_factor = 0.9;
  double far_postcode_factor = 0.75;
  double municipality_mismatch_factor = 0.75;
  double unexplained_word_factor = 0.72;
  // A whole part of the text (between commas or spaced hyphens) that
  // nothing explains -- a residence, a hamlet -- costs extra_part_factor
  // instead, when the street is established: name coverage at least
  // established_name_coverage, and its postcode or a named place agrees.
  double extra_part_factor = 0.9;
  double established_name_coverage = 0.9;
  double foreign_postcode_factor = 0.6;
  // A bare name (no number, postcode, place, street field) that leaves out
  // a street type or a word of the street's own.
  double bare_name_factor = 0.75;
  // The street's words span two comma-separated parts, or a foreign word
  // sits between them.
  double split_street_factor = 0.95;
  double interrupted_street_factor = 0.97;

  // ---- Deciding -------------------------------------------------------------
  // Street results below min_score are not returned (README, "Quality").
  double min_score = 0.61;
  // Tier 1 settles the search when a street scores settled_score with both
  // coverages at least settled_coverage.
  double settled_score = 0.93;
  double settled_coverage = 0.95;
  // The scope scan runs while no street in the named place scores
  // confident_score (certain_score when a municipality is named).
  double confident_score = 0.85;
  double certain_score = 0.95;
  // Namesakes of the best match scored in the last tier, at most.
  size_t namesake_limit = 32;
  // House numbers as evidence: among the streets within number_evidence_band
  // of the best (at most number_evidence_streets), when the data lists the
  // query's number on some, those whose data lists numbers but not this
  // one are multiplied by number_missing_factor.
  double number_evidence_band = 0.03;
  size_t number_evidence_streets = 32;
  double number_missing_factor = 0.93;
  // ... and those whose data lists no numbers at all by this (keeping them
  // within unique_margin: no data is no evidence against them).
  double number_unlisted_factor = 0.98;
  // When nothing passes min_score and the query names its place, the best
  // lenient match there is accepted when it scores scope_min_score, covers
  // scope_min_name_coverage of its name and beats the next street of the
  // place by scope_margin.
  double scope_min_score = 0.45;
  double scope_min_name_coverage = 0.6;
  double scope_margin = 0.1;
  // ... and so is a street whose whole name is in the query but whose
  // postcode disagrees, from contradiction_min_score, when it stands out
  // by the same margin.
  double contradiction_min_score = 0.5;
  // Such a street also comes first, level with the best match, when that
  // match only nearly reads the text and either lies outside the postcode
  // too or reads less than weak_name_coverage of its own name
  // (SearcherImpl::PreferWholeName).
  double weak_name_coverage = 0.75;
  // ResolveAddress: unique when the best street scores unique_score and
  // beats the next one by unique_margin.
  double unique_score = 0.75;
  double unique_margin = 0.05;
  // Municipality results: matches within municipality_band of the best one,
  // and at least min_municipality_score; a postcode elsewhere multiplies
  // by far_postcode_factor.
  double municipality_band = 0.1;
  double min_municipality_score = 0.5;
};

// One field of a RankingPolicy, by its path ("word.prefix_base",
// "min_score"), for sweeps in the quality harness.
struct PolicyField {
  std::string name;
  double value = 0;
  bool whole = false;  // a count (size_t), not a weight
};

// Every field of `policy`, in declaration order.
std::vector<PolicyField> ListPolicyFields(const RankingPolicy& policy);

// Sets the field at `name` to `value`. InvalidArgument for an unknown name,
// or a count given a value that is not a whole number >= 0.
Status SetPolicyField(std::string_view name, double value,
                      RankingPolicy* policy);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_RANKING_POLICY_H_
