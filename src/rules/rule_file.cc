// Loads a rule file (YAML, docs/rules.md) into a RuleSet. yaml-cpp throws; every call into
// it is inside the try block of ParseRuleFile, and a parse error becomes a violation naming
// its line, so nothing escapes the module. Validation goes on after a problem so that the
// safeguarding lead sees every mistake at once.
#include <set>
#include <utility>

#include "rules/rule_file_reader.h"
#include "rules/rule_set.h"

namespace safehub::rules {
namespace {

using internal::Quote;
using internal::RuleFileReader;
using internal::Suggest;

constexpr size_t kMaxFileBytes = 256 * 1024;
constexpr long kMaxRules = 200;
constexpr long kMaxClauses = 8;
// The engine keeps which clauses an event matches in one 64-bit word per event.
static_assert(kMaxClauses <= 64);
constexpr long kMaxWindowDays = 3660;  // ten years: longer is a typo, not a pattern

const std::vector<std::string_view> kTopKeys = {"version", "escalation", "kind_groups", "rules"};
const std::vector<std::string_view> kRuleKeys = {
    "id", "title", "source", "scope", "window_days", "when", "child", "unless_followed_by",
    "severity", "action", "route_to", "respond_within_hours"};
const std::vector<std::string_view> kClauseKeys = {"name", "kinds", "where", "agencies", "at_least",
                                                   "count"};
const std::vector<std::string_view> kOpKeys = {"below", "at_most", "above", "at_least"};
const std::vector<std::string_view> kChildKeys = {"age_under", "on_plan"};
const std::vector<std::string_view> kFollowUpKeys = {"kinds", "within_days", "same"};
const std::vector<std::string_view> kEscalationKeys = {"worker_hours", "team_manager_hours"};

// Every attribute a condition may name besides the kind's own.
constexpr std::string_view kSignificance = "significance";

std::vector<std::string_view> AgencyKindNames() {
  std::vector<std::string_view> out;
  for (int k = 0; k <= static_cast<int>(domain::AgencyKind::kOther); ++k) {
    out.push_back(domain::ToString(static_cast<domain::AgencyKind>(k)));
  }
  return out;
}

// The kinds named by a mask.
std::vector<const EventKindSpec*> KindsOf(std::uint32_t mask) {
  std::vector<const EventKindSpec*> out;
  const auto kinds = RuleEventKinds();
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (mask & (1u << i)) out.push_back(&kinds[i]);
  }
  return out;
}

class RuleParser {
 public:
  explicit RuleParser(RuleFileReader& r) : r_(r) {}

  std::optional<Condition> ParseCondition(const std::string& attribute, const YAML::Node& key,
                                          const YAML::Node& value, std::uint32_t kinds,
                                          const std::string& field) {
    Condition c;
    c.attribute = attribute;
    // The attribute must mean the same on every kind of the clause.
    const AttributeSpec* spec = nullptr;
    static constexpr AttributeSpec kSignificanceSpec{kSignificance, AttributeType::kChoice,
                                                     "low|medium|high"};
    if (attribute == kSignificance) {
      spec = &kSignificanceSpec;
    } else {
      std::vector<std::string_view> known = {kSignificance};
      for (const EventKindSpec* k : KindsOf(kinds)) {
        const AttributeSpec* a = FindAttribute(*k, attribute);
        for (const AttributeSpec& each : k->attributes) known.push_back(each.name);
        if (a == nullptr) {
          r_.Problem(key, field, Quote(attribute) + " is not an attribute of " +
                                     std::string(k->kind) + Suggest(attribute, known));
          return std::nullopt;
        }
        spec = a;
      }
      if (spec == nullptr) return std::nullopt;  // no kinds: already reported
    }
    if (value.IsMap()) {
      if (spec->type != AttributeType::kPercent && spec->type != AttributeType::kCount) {
        r_.Problem(value, field, Quote(attribute) + " is not a number; compare it with a value or a list");
        return std::nullopt;
      }
      if (value.size() != 1) {
        r_.Problem(value, field, "must hold exactly one of below, at_most, above, at_least");
        return std::nullopt;
      }
      const auto entry = *value.begin();
      const std::string op = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (op == "below") c.op = ConditionOp::kBelow;
      else if (op == "at_most") c.op = ConditionOp::kAtMost;
      else if (op == "above") c.op = ConditionOp::kAbove;
      else if (op == "at_least") c.op = ConditionOp::kAtLeast;
      else {
        r_.Problem(entry.first, field, Quote(op) + " is not a comparison" + Suggest(op, kOpKeys));
        return std::nullopt;
      }
      double n = 0;
      if (!entry.second.IsScalar() || !YAML::convert<double>::decode(entry.second, n) || n != n) {
        r_.Problem(entry.second, field + "." + op, "must be a number");
        return std::nullopt;
      }
      const double max = spec->type == AttributeType::kPercent ? 100 : 1e6;
      if (n < 0 || n > max) {
        r_.Problem(entry.second, field + "." + op,
                   "must be between 0 and " + std::to_string(static_cast<long>(max)));
        return std::nullopt;
      }
      c.number = n;
      return c;
    }
    if (spec->type == AttributeType::kPercent || spec->type == AttributeType::kCount) {
      r_.Problem(value, field, Quote(attribute) + " is a number: use below, at_most, above or at_least");
      return std::nullopt;
    }
    bool ok = true;
    for (const auto& [v, mark] : r_.Names(value, field)) {
      if (spec->type == AttributeType::kChoice && !IsChoice(*spec, v)) {
        std::vector<std::string_view> choices;
        std::string_view rest = spec->choices;
        for (size_t bar; (bar = rest.find('|')) != std::string_view::npos; rest.remove_prefix(bar + 1)) {
          choices.push_back(rest.substr(0, bar));
        }
        choices.push_back(rest);
        r_.ProblemAt(mark, field, Quote(v) + " is not a value of " + attribute + " (" +
                                      std::string(spec->choices) + ")" + Suggest(v, choices));
        ok = false;
        continue;
      }
      c.values.push_back(v);
    }
    if (!ok || c.values.empty()) return std::nullopt;
    c.op = value.IsSequence() ? ConditionOp::kIn : ConditionOp::kEquals;
    return c;
  }

  std::optional<Clause> ParseClause(const YAML::Node& n, const std::string& where) {
    if (!n.IsMap()) {
      r_.Problem(n, where, "must be a map with kinds and at_least");
      return std::nullopt;
    }
    r_.CheckKeys(n, where, kClauseKeys);
    Clause c;
    const size_t problems_before = problems();
    c.name = r_.Text(n, "name", where, false, 64).value_or("");
    if (!n["kinds"]) {
      r_.Problem(n, where + ".kinds", "is required");
    } else {
      c.kinds = r_.Kinds(n["kinds"], where + ".kinds");
    }
    if (const YAML::Node w = n["where"]) {
      if (!w.IsMap()) {
        r_.Problem(w, where + ".where", "must map attributes to values");
      } else if (c.kinds != 0) {
        for (const auto& entry : w) {
          if (!r_.Visit()) break;
          const std::string attribute = entry.first.IsScalar() ? entry.first.Scalar() : "";
          auto cond = ParseCondition(attribute, entry.first, entry.second, c.kinds,
                                     where + ".where." + attribute.substr(0, 60));
          if (cond) c.where.push_back(std::move(*cond));
        }
      }
    }
    if (const YAML::Node a = n["agencies"]) {
      const auto known = AgencyKindNames();
      for (const auto& [name, mark] : r_.Names(a, where + ".agencies")) {
        bool found = false;
        for (size_t k = 0; k < known.size(); ++k) {
          if (known[k] == name) c.agency_kinds |= 1u << k, found = true;
        }
        if (!found) {
          r_.ProblemAt(mark, where + ".agencies", Quote(name) + " is not an agency kind" + Suggest(name, known));
        }
      }
    }
    c.at_least = static_cast<int>(r_.Whole(n, "at_least", where, false, 1, 100, "events").value_or(1));
    if (auto count = r_.Text(n, "count", where, false, 16)) {
      if (*count == "event" || *count == "events") c.distinct = Distinct::kEvent;
      else if (*count == "day" || *count == "days") c.distinct = Distinct::kDay;
      else if (*count == "agency" || *count == "agencies") c.distinct = Distinct::kAgency;
      else r_.Problem(n["count"], where + ".count", Quote(*count) + " must be events, days or agencies" +
                                                      Suggest(*count, {"events", "days", "agencies"}));
    }
    if (problems() != problems_before) return std::nullopt;
    return c;
  }

  std::optional<Rule> ParseRule(const YAML::Node& n, const std::string& where) {
    if (!n.IsMap()) {
      r_.Problem(n, where, "must be a map (id, title, when, ...)");
      return std::nullopt;
    }
    r_.CheckKeys(n, where, kRuleKeys);
    const size_t problems_before = problems();
    Rule rule;
    if (auto id = r_.Text(n, "id", where, true, 64)) {
      if (!internal::IsLowerSnake(*id)) {
        r_.Problem(n["id"], where + ".id", Quote(*id) + " must be lower_snake (a-z, 0-9, _)");
      } else if (!ids_.insert(*id).second) {
        r_.Problem(n["id"], where + ".id", Quote(*id) + " is already the id of another rule");
      }
      rule.id = *id;
    }
    rule.title = r_.Text(n, "title", where, true, 200).value_or("");
    rule.source = r_.Text(n, "source", where, true, 1000).value_or("");
    rule.action = r_.Text(n, "action", where, true, 500).value_or("");
    if (auto scope = r_.Text(n, "scope", where, false, 16)) {
      if (*scope == "child") rule.scope = Scope::kChild;
      else if (*scope == "household") rule.scope = Scope::kHousehold;
      else r_.Problem(n["scope"], where + ".scope", Quote(*scope) + " must be child or household" +
                                                      Suggest(*scope, {"child", "household"}));
    }
    rule.window_days = static_cast<int>(
        r_.Whole(n, "window_days", where, true, 1, kMaxWindowDays, "days").value_or(0));
    rule.severity = static_cast<int>(r_.Whole(n, "severity", where, true, 1, 5, "levels").value_or(1));
    if (auto route = r_.Text(n, "route_to", where, false, 32)) {
      if (*route == "lead_practitioner") rule.route_to = RouteTo::kLeadPractitioner;
      else if (*route == "mash") rule.route_to = RouteTo::kMashQueue;
      else r_.Problem(n["route_to"], where + ".route_to", Quote(*route) + " must be lead_practitioner or mash" +
                                                            Suggest(*route, {"lead_practitioner", "mash"}));
    }
    if (auto hours = r_.Whole(n, "respond_within_hours", where, false, 1, 400, "working hours")) {
      rule.respond_within_hours = static_cast<int>(*hours);
    }

    const YAML::Node when = n["when"];
    if (!when) {
      r_.Problem(n, where + ".when", "is required");
    } else if (!when.IsSequence() || when.size() == 0 || when.size() > kMaxClauses) {
      r_.Problem(when, where + ".when", "must list 1 to " + std::to_string(kMaxClauses) + " clauses");
    } else {
      for (size_t i = 0; i < when.size(); ++i) {
        const std::string cw = where + ".when[" + std::to_string(i) + "]";
        if (auto c = ParseClause(when[i], cw)) {
          // A count that cannot fit in the window is an impossible rule, not a strict one.
          if (c->distinct == Distinct::kDay && rule.window_days > 0 && c->at_least > rule.window_days + 1) {
            r_.Problem(when[i]["at_least"], cw + ".at_least",
                       std::to_string(c->at_least) + " distinct days cannot fall within a window of " +
                           std::to_string(rule.window_days) + " days");
          }
          rule.clauses.push_back(std::move(*c));
        }
      }
    }

    if (const YAML::Node child = n["child"]) {
      if (!child.IsMap()) {
        r_.Problem(child, where + ".child", "must be a map (age_under, on_plan)");
      } else {
        r_.CheckKeys(child, where + ".child", kChildKeys);
        if (auto age = r_.Whole(child, "age_under", where + ".child", false, 1, 25, "years")) {
          rule.child_age_under = static_cast<int>(*age);
        }
        rule.child_on_plan = r_.Flag(child, "on_plan", where + ".child");
      }
    }

    if (const YAML::Node f = n["unless_followed_by"]) {
      const std::string fw = where + ".unless_followed_by";
      if (!f.IsMap()) {
        r_.Problem(f, fw, "must be a map (kinds, within_days, same)");
      } else {
        r_.CheckKeys(f, fw, kFollowUpKeys);
        FollowUp follow;
        if (!f["kinds"]) r_.Problem(f, fw + ".kinds", "is required");
        else follow.kinds = r_.Kinds(f["kinds"], fw + ".kinds");
        follow.within_days = static_cast<int>(
            r_.Whole(f, "within_days", fw, true, 1, kMaxWindowDays, "days").value_or(0));
        if (auto same = r_.Text(f, "same", fw, false, 64)) {
          // The attribute must exist on the follow-up and on every kind the rule counts.
          std::uint32_t kinds = follow.kinds;
          for (const Clause& c : rule.clauses) kinds |= c.kinds;
          for (const EventKindSpec* k : KindsOf(kinds)) {
            if (FindAttribute(*k, *same) == nullptr) {
              r_.Problem(f["same"], fw + ".same", Quote(*same) + " is not an attribute of " + std::string(k->kind));
              break;
            }
          }
          follow.same_attribute = *same;
        }
        rule.unless_followed_by = std::move(follow);
      }
    }
    if (problems() != problems_before) return std::nullopt;
    return rule;
  }

  size_t problems() const { return r_.count(); }

 private:
  RuleFileReader& r_;
  std::set<std::string> ids_;
};

EscalationHours ParseEscalation(RuleFileReader& r, const YAML::Node& n) {
  EscalationHours e;
  if (!n) return e;
  if (!n.IsMap()) {
    r.Problem(n, "escalation", "must be a map (worker_hours, team_manager_hours)");
    return e;
  }
  r.CheckKeys(n, "escalation", kEscalationKeys);
  e.worker_hours = static_cast<int>(
      r.Whole(n, "worker_hours", "escalation", false, 1, 400, "working hours").value_or(e.worker_hours));
  e.team_manager_hours = static_cast<int>(
      r.Whole(n, "team_manager_hours", "escalation", false, 1, 400, "working hours").value_or(e.team_manager_hours));
  return e;
}

}  // namespace

Result<RuleSet> ParseRuleFile(std::string_view text, std::string_view origin) {
  RuleFileReader r(origin);
  if (text.size() > kMaxFileBytes) {
    r.ProblemAt(YAML::Mark::null_mark(), "file",
                "is larger than " + std::to_string(kMaxFileBytes / 1024) + " KiB");
    return r.ToStatus();
  }
  std::vector<Rule> rules;
  EscalationHours escalation;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      r.Problem(root, "file", "must be a map with version and rules");
      return r.ToStatus();
    }
    r.CheckKeys(root, "", kTopKeys);
    if (auto version = r.Whole(root, "version", "", true, 1, 1, "(the format version)")) {
      (void)version;
    }
    escalation = ParseEscalation(r, root["escalation"]);
    r.Groups(root["kind_groups"]);
    const YAML::Node list = root["rules"];
    if (!list) {
      r.Problem(root, "rules", "is required");
    } else if (!list.IsSequence() || list.size() == 0 || list.size() > kMaxRules) {
      r.Problem(list, "rules", "must list 1 to " + std::to_string(kMaxRules) + " rules");
    } else {
      RuleParser parser(r);
      for (size_t i = 0; i < list.size(); ++i) {
        if (!r.Visit()) break;
        std::string where = "rules[" + std::to_string(i) + "]";
        if (list[i].IsMap() && list[i]["id"] && list[i]["id"].IsScalar()) {
          where += "(" + list[i]["id"].Scalar().substr(0, 64) + ")";
        }
        if (auto rule = parser.ParseRule(list[i], where)) rules.push_back(std::move(*rule));
      }
    }
    if (!r.Visit()) r.ProblemAt(YAML::Mark::null_mark(), "file", "has too many entries (aliases?)");
  } catch (const YAML::Exception& e) {
    // A syntax error: yaml-cpp knows where it is (line is 0-based, -1 when unknown).
    r.ProblemAt(e.mark, "file", "is not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    r.ProblemAt(YAML::Mark::null_mark(), "file", std::string("could not be read: ") + e.what());
  }
  if (r.failed()) return r.ToStatus();
  return RuleSet(std::move(rules), escalation, std::string(origin));
}

const RuleSet& DefaultRuleSet() {
  static const RuleSet* set = [] {
    auto parsed = ParseRuleFile(DefaultRuleFileText(), "built-in");
    // The built-in file is tested to be valid; an invalid one is a build defect.
    if (!parsed.ok()) std::abort();
    return new RuleSet(std::move(parsed).value());
  }();
  return *set;
}

}  // namespace safehub::rules
