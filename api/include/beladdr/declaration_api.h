// beladdr/declaration_api.h — the JSON contract of the S222 declaration
// operations (docs/openapi.yaml): CreateDeclarationCAS,
// ModifyDeclarationCAS, DeleteDeclarationCAS and SearchDeclarationCAS.
//
// Decoding validates every part and says what to fix: each invalid input
// is an InputIssue named by its path ("user.nationalRegisterNumber",
// "contacts[1].phone"). Values are stored in one canonical form (national
// register numbers as 11 digits, KBO numbers as 10, phones as E.164).
//
// A declaration's stored content is the JSON object
//   {"address": ..., "user": ..., "alarm": ..., "contacts": [...]}
// where "address" is the resolved street (as ResolveAddress answers it,
// without its score), the house and box numbers, and the warnings.
//
// Thread safety: pure functions.

#ifndef BELADDR_DECLARATION_API_H_
#define BELADDR_DECLARATION_API_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/api.h"
#include "beladdr/declarations/declaration.h"
#include "beladdr/resolve.h"
#include "beladdr/status.h"

namespace beladdr::api {

// The parts of a create or modify request, validated. Each JSON text is
// the part's canonical form; absent parts (modify) are nullopt.
struct DeclarationInput {
  std::optional<ResolveRequest> address;
  std::optional<std::string> user;
  std::optional<std::string> alarm;
  std::optional<std::string> contacts;
};

// CreateDeclarationCAS: every part is required, and the address needs a
// house number.
StatusOr<DeclarationInput> DecodeCreateDeclaration(
    std::string_view body, std::vector<InputIssue>* issues);

struct ModifyInput {
  std::string number;
  int64_t version = 0;
  DeclarationInput parts;  // at least one
};
StatusOr<ModifyInput> DecodeModifyDeclaration(std::string_view body,
                                              std::vector<InputIssue>* issues);

// DeleteDeclarationCAS: {"declarationNumber"}.
StatusOr<std::string> DecodeDeleteDeclaration(std::string_view body,
                                              std::vector<InputIssue>* issues);

// SearchDeclarationCAS. `municipality` is kept as given: a NIS code, or a
// name the server reads (MunicipalityText).
struct SearchDeclarationsInput {
  declarations::DeclarationQuery query;  // without central
  std::optional<std::string> municipality_text;
};
StatusOr<SearchDeclarationsInput> DecodeSearchDeclarations(
    std::string_view body, std::vector<InputIssue>* issues);

// The "address" part of the content: the resolved street, house and box
// numbers, and the warnings (houseNumberUnknown, boxNumberUnknown).
std::string EncodeDeclarationAddress(const ResolvedAddress& address,
                                     const std::vector<ResolveIssue>& warnings);

// The stored content from its parts; parts absent from `input` are taken
// from `previous` (a stored content, or empty for a create).
StatusOr<std::string> BuildContent(const DeclarationInput& input,
                                   std::string_view address_json,
                                   std::string_view previous);

// The issues of a unique resolution that block a declaration (the others
// are warnings).
bool IsContradiction(ResolveIssue issue);

// A declaration as the API answers it.
std::string EncodeDeclaration(const declarations::Declaration& d);
// SearchDeclarationCAS's answer: {"count", "declarations", "nextCursor"}.
std::string EncodeDeclarationPage(const declarations::DeclarationPage& page);

// The 422 problem of an address that cannot be declared: not found,
// ambiguous (with "candidates" as ResolveAddress lists them), or
// contradicting itself (with the issue codes).
std::string EncodeAddressProblem(const ResolveResponse& resolution,
                                 std::string_view correlation_id);
// Its problem type's slug: address-not-found, address-ambiguous or
// address-contradiction.
std::string_view AddressProblemSlug(const ResolveResponse& resolution);

}  // namespace beladdr::api

#endif  // BELADDR_DECLARATION_API_H_
