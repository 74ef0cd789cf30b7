// `safehub review list|decide|unmerge`: the child index's clerical review queue at the
// command line (issue 3). The operator acts as a named user (--by), who must be a reviewer as
// on the API (app/link_review.h); every listing, decision and unmerge is audited as theirs.
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/link_review.h"
#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

namespace {

struct ReviewOptions {
  std::string db = "safehub.db";
  std::string by;
  int limit = 20;
  int offset = 0;
  std::int64_t id = 0;
  std::int64_t person = 0;
  std::string decision;
  std::string reason;
  std::int64_t mash_team = 0;
};

std::string Describe(const app::ReviewedPerson& p) {
  const domain::Person& person = p.person;
  std::string out = "person " + person.id.ToString() + ": " + person.first_name +
                    (person.middle_names.empty() ? "" : " " + person.middle_names) + " " + person.surname + ", born " +
                    (person.date_of_birth ? person.date_of_birth->ToString() : "unknown") + ", sex " +
                    std::string(domain::ToCode(person.sex));
  if (!person.nhs_number.empty()) out += ", NHS " + person.nhs_number;
  if (!person.upn.empty()) out += ", UPN " + person.upn;
  if (p.shielded) out += ", shielded";
  return out + ", " + std::to_string(p.events) + " events";
}

// The reviewer the operator names, and the review service for this database.
struct Session {
  std::unique_ptr<Runtime> runtime;
  std::unique_ptr<app::LinkReviews> reviews;
  app::AuthContext reviewer;
};

Session Open(const ReviewOptions& o) {
  auto runtime = OpenRuntime(o.db);
  if (!runtime.ok()) Fail(runtime.status());
  Session s{std::move(runtime).value(), nullptr, {}};
  s.reviews = std::make_unique<app::LinkReviews>(*s.runtime->store, s.runtime->clock, FindMashTeam(*s.runtime, o.mash_team));
  auto reviewer = app::LinkReviews::ActingAs(*s.runtime->store, o.by);
  if (!reviewer.ok()) Fail(reviewer.status());
  s.reviewer = *reviewer;
  return s;
}

void AddCommon(CLI::App& cmd, ReviewOptions& o) {
  cmd.add_option("--db", o.db, "SQLite database file")->capture_default_str();
  cmd.add_option("--by", o.by, "username of the reviewer acting (a manager or safeguarding lead of children's "
                               "social care with agency scope, or of the MASH)")->required();
  cmd.add_option("--mash-team", o.mash_team, "team id of the MASH (default: the social care team named MASH...)");
}

}  // namespace

void RegisterReviewCommand(CLI::App& app) {
  auto* review = app.add_subcommand("review", "The child index's clerical review queue: possible matches between two "
                                              "records a reviewer decides");
  review->require_subcommand(1);

  auto lo = std::make_shared<ReviewOptions>();
  auto* list = review->add_subcommand("list", "Print the open possible matches, oldest first, both people side by "
                                              "side with the per-field evidence (audited as the --by user's read)");
  AddCommon(*list, *lo);
  list->add_option("--limit", lo->limit, "how many")->check(CLI::Range(1, app::LinkReviews::kMaxPage))->capture_default_str();
  list->add_option("--offset", lo->offset, "skip this many")->check(CLI::NonNegativeNumber)->capture_default_str();
  list->callback([lo] {
    Session s = Open(*lo);
    auto page = s.reviews->ListOpen(s.reviewer, lo->limit, lo->offset);
    if (!page.ok()) Fail(page.status());
    std::cout << page->total_open << " open\n";
    for (const auto& item : page->items) {
      const store::LinkReview& r = item.review;
      std::cout << "review " << r.id.ToString() << "  " << std::fixed << std::setprecision(1) << r.probability * 100
                << "%  from agency " << r.agency.ToString() << " ref " << r.source_reference << "\n"
                << "  arriving  " << Describe(item.arriving) << "\n"
                << "  existing  " << Describe(item.existing) << "\n"
                << "  evidence  " << r.evidence_json << "\n";
    }
  });

  auto d = std::make_shared<ReviewOptions>();
  auto* decide = review->add_subcommand("decide", "Decide a possible match: match merges the arriving person into the "
                                                  "existing one (undone with review unmerge); not_match keeps them "
                                                  "apart in every later linking");
  AddCommon(*decide, *d);
  decide->add_option("--id", d->id, "the review id (from review list)")->required()->check(CLI::PositiveNumber);
  decide->add_option("--decision", d->decision, "match or not_match")->required()
      ->check(CLI::IsMember({"match", "not_match"}));
  decide->add_option("--reason", d->reason, "what the decision rests on")->required();
  decide->callback([d] {
    Session s = Open(*d);
    auto decision = store::ParseLinkReviewStatus(d->decision);
    if (!decision.ok()) Fail(decision.status());
    auto outcome = s.reviews->Decide(s.reviewer, store::LinkReviewId(d->id), *decision, d->reason);
    if (!outcome.ok()) Fail(outcome.status());
    std::cout << "review " << d->id << ": " << store::ToString(outcome->review.status);
    if (outcome->merge) {
      std::cout << "; person " << outcome->merge->merged.ToString() << " merged into person "
                << outcome->merge->surviving.ToString() << " (merge " << outcome->merge->id.ToString() << ")";
    }
    std::cout << "\n";
  });

  auto u = std::make_shared<ReviewOptions>();
  auto* unmerge = review->add_subcommand("unmerge", "Undo the merge of a person into another (exactly that one "
                                                    "merge; anyone merged into the person stays with it), with a "
                                                    "reason; both read as before");
  AddCommon(*unmerge, *u);
  unmerge->add_option("--person", u->person, "the merged person's id (as printed by review decide)")->required()
      ->check(CLI::PositiveNumber);
  unmerge->add_option("--reason", u->reason, "why the two are different children")->required();
  unmerge->callback([u] {
    Session s = Open(*u);
    auto merge = s.reviews->Unmerge(s.reviewer, PersonId(u->person), u->reason);
    if (!merge.ok()) Fail(merge.status());
    std::cout << "person " << merge->merged.ToString() << " no longer merged into person "
              << merge->surviving.ToString() << " (merge " << merge->id.ToString() << " undone)\n";
  });
}

}  // namespace safehub::cli
