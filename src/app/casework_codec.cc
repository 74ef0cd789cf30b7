#include "app/casework_codec.h"

#include <set>
#include <type_traits>
#include <utility>
#include <vector>

namespace safehub::app {

using Json = nlohmann::json;
using namespace safehub::domain;

namespace {

// Whether a field must be given. Dates and decisions are required: defaulting a missing
// outcome to "no further action" would record something nobody decided.
enum class Need { kRequired, kOptional };
constexpr Need kReq = Need::kRequired;
constexpr Need kOpt = Need::kOptional;

constexpr size_t kMaxText = 2000;
constexpr size_t kMaxItems = 200;

// The number of values of each workflow enum whose words come from ToString.
template <typename E> constexpr int kWordCount = 0;
template <> constexpr int kWordCount<ContactDecision> = 3;
template <> constexpr int kWordCount<ReferralKind> = 2;
template <> constexpr int kWordCount<ReferralDecision> = 4;
template <> constexpr int kWordCount<AssessmentOutcome> = 4;
template <> constexpr int kWordCount<StrategyDecision> = 2;
template <> constexpr int kWordCount<Section47Outcome> = 3;
template <> constexpr int kWordCount<ConferenceKind> = 2;
template <> constexpr int kWordCount<ConferenceDecision> = 2;
template <> constexpr int kWordCount<ReviewDecision> = 2;
template <> constexpr int kWordCount<PlanEndReason> = 7;
template <> constexpr int kWordCount<AgencyRole> = static_cast<int>(AgencyRole::kOther) + 1;
template <> constexpr int kWordCount<Attendance> = 4;

template <typename E>
std::string WordOf(E value) {
  if constexpr (std::is_same_v<E, ReasonForClosure>) {
    return std::string(ToCode(value));
  } else {
    return std::string(ToString(value));
  }
}

template <typename E>
Result<E> ParseWordOf(std::string_view s) {
  if constexpr (std::is_same_v<E, ReasonForClosure>) {
    return ParseReasonForClosure(s);
  } else if constexpr (std::is_same_v<E, AbuseCategory>) {
    return ParseAbuseCategory(s);
  } else {
    static_assert(kWordCount<E> > 0, "add the enum's word count");
    std::string list;
    for (int i = 0; i < kWordCount<E>; ++i) {
      const auto value = static_cast<E>(i);
      if (ToString(value) == s) return value;
      list += (i ? ", " : "") + std::string(ToString(value));
    }
    return InvalidArgument("'" + std::string(s.substr(0, 40)) + "' is not one of: " + list);
  }
}

// Writes every field of a step into a JSON object; empty text, zero ids and empty lists are
// left out (they decode back to the same defaults).
class Encoder {
 public:
  explicit Encoder(Json& out) : out_(out) {}
  void operator()(const char* name, const Date& d, Need) { out_[name] = d.ToString(); }
  void operator()(const char* name, const std::optional<Date>& d, Need) {
    if (d) out_[name] = d->ToString();
  }
  void operator()(const char* name, const std::string& s, Need) {
    if (!s.empty()) out_[name] = s;
  }
  template <typename Tag>
  void operator()(const char* name, const Id<Tag>& id, Need) {
    if (id.value != 0) out_[name] = id.value;
  }
  template <typename E>
    requires std::is_enum_v<E>
  void operator()(const char* name, const E& e, Need) { out_[name] = WordOf(e); }
  void operator()(const char* name, const std::vector<std::string>& list, Need) {
    if (!list.empty()) out_[name] = list;
  }
  void operator()(const char* name, const MeetingRecord& record, Need);

 private:
  Json& out_;
};

// Reads fields out of one JSON object, collecting every violation under `path`.
class Decoder {
 public:
  Decoder(const Json& object, std::string path, std::vector<Violation>& violations)
      : object_(object), path_(std::move(path)), violations_(violations) {}

  void operator()(const char* name, Date& d, Need need) {
    if (const Json* v = Find(name, need)) {
      auto parsed = v->is_string() ? Date::Parse(v->get<std::string>()) : Result<Date>(InvalidArgument(""));
      if (parsed.ok()) {
        d = *parsed;
      } else {
        Add(name, "must be a date YYYY-MM-DD");
      }
    }
  }
  void operator()(const char* name, std::optional<Date>& d, Need need) {
    Date value;
    if (Has(name)) {
      (*this)(name, value, need);
      d = value;
    } else {
      (void)Find(name, need);
    }
  }
  void operator()(const char* name, std::string& s, Need need) {
    if (const Json* v = Find(name, need)) {
      if (!v->is_string()) return Add(name, "must be a string");
      s = v->get<std::string>();
      if (s.size() > kMaxText) Add(name, "must be at most " + std::to_string(kMaxText) + " characters");
      if (need == kReq && s.empty()) Add(name, "must not be empty");
    }
  }
  template <typename Tag>
  void operator()(const char* name, Id<Tag>& id, Need need) {
    if (const Json* v = Find(name, need)) {
      if (!v->is_number_integer() || v->get<std::int64_t>() < 0) return Add(name, "must be a whole number, 0 or more");
      id = Id<Tag>(v->get<std::int64_t>());
    }
  }
  template <typename E>
    requires std::is_enum_v<E>
  void operator()(const char* name, E& e, Need need) {
    if (const Json* v = Find(name, need)) {
      if (!v->is_string()) return Add(name, "must be a string");
      auto parsed = ParseWordOf<E>(v->get<std::string>());
      if (!parsed.ok()) return Add(name, parsed.status().message());
      e = *parsed;
    }
  }
  void operator()(const char* name, std::vector<std::string>& list, Need need) {
    if (const Json* v = Find(name, need)) {
      if (!v->is_array() || v->size() > kMaxItems) {
        return Add(name, "must be a list of at most " + std::to_string(kMaxItems) + " strings");
      }
      for (size_t i = 0; i < v->size(); ++i) {
        const Json& item = (*v)[i];
        if (!item.is_string() || item.get<std::string>().size() > kMaxText) {
          Add(std::string(name) + "[" + std::to_string(i) + "]", "must be a string of at most 2000 characters");
          continue;
        }
        list.push_back(item.get<std::string>());
      }
    }
  }
  void operator()(const char* name, MeetingRecord& record, Need need);

  // Reports the fields nobody asked for: unknown fields are refused, not ignored.
  void Finish() {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!seen_.count(it.key())) Add(it.key().empty() ? "\"\"" : it.key().substr(0, 64), "is not a known field");
    }
  }
  void Known(const std::string& name) { seen_.insert(name); }
  void Add(const std::string& name, const std::string& message) {
    violations_.push_back({path_.empty() ? name : path_ + "." + name, message});
  }
  std::string PathOf(const std::string& name) const { return path_.empty() ? name : path_ + "." + name; }

 private:
  bool Has(const char* name) const {
    auto it = object_.find(name);
    return it != object_.end() && !it->is_null();
  }
  const Json* Find(const char* name, Need need) {
    seen_.insert(name);
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
      if (need == kReq) Add(name, "is required");
      return nullptr;
    }
    return &*it;
  }

  const Json& object_;
  std::string path_;
  std::vector<Violation>& violations_;
  std::set<std::string> seen_;
};

// The fields of each step and meeting part: one list serves encoding and decoding, so the
// two cannot drift apart. S is the struct, const or not; V an Encoder or a Decoder.
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, RecordContact> {
  v("received_on", s.received_on, kReq); v("source", s.source, kReq);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, DecideContact> {
  v("contact", s.contact, kOpt); v("decided_on", s.decided_on, kReq); v("decision", s.decision, kReq);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, ReceiveReferral> {
  v("received_on", s.received_on, kReq); v("source", s.source, kReq); v("primary_need", s.primary_need, kOpt);
  v("kind", s.kind, kOpt); v("from_contact", s.from_contact, kOpt); v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, DecideOnReferral> {
  v("referral", s.referral, kOpt); v("decided_on", s.decided_on, kReq); v("decision", s.decision, kReq);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, StartAssessment> {
  v("referral", s.referral, kOpt); v("started_on", s.started_on, kReq); v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, CompleteAssessment> {
  v("assessment", s.assessment, kOpt); v("completed_on", s.completed_on, kReq); v("factors", s.factors, kOpt);
  v("outcome", s.outcome, kReq); v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, HoldStrategyDiscussion> {
  v("referral", s.referral, kOpt); v("held_on", s.held_on, kReq); v("decision", s.decision, kReq);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, CompleteSection47Enquiry> {
  v("enquiry", s.enquiry, kOpt); v("completed_on", s.completed_on, kReq); v("outcome", s.outcome, kReq);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, HoldInitialConference> {
  v("enquiry", s.enquiry, kOpt); v("referral", s.referral, kOpt); v("kind", s.kind, kOpt);
  v("held_on", s.held_on, kReq); v("decision", s.decision, kReq); v("record", s.record, kOpt);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, StartChildProtectionPlan> {
  v("conference", s.conference, kOpt); v("start", s.start, kReq); v("category", s.category, kReq);
  v("key_worker", s.key_worker, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, HoldCoreGroupMeeting> {
  v("plan", s.plan, kOpt); v("held_on", s.held_on, kReq); v("record", s.record, kOpt);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, HoldReviewConference> {
  v("plan", s.plan, kOpt); v("held_on", s.held_on, kReq); v("decision", s.decision, kReq);
  v("record", s.record, kOpt); v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, EndChildProtectionPlan> {
  v("plan", s.plan, kOpt); v("ended_on", s.ended_on, kReq); v("reason", s.reason, kReq);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, StartChildInNeedPlan> {
  v("referral", s.referral, kOpt); v("start", s.start, kReq); v("late_reason", s.late_reason, kOpt);
  v("key_worker", s.key_worker, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, EndChildInNeedPlan> {
  v("plan", s.plan, kOpt); v("ended_on", s.ended_on, kReq);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, CloseEpisode> {
  v("referral", s.referral, kOpt); v("closed_on", s.closed_on, kReq); v("reason", s.reason, kReq);
  v("late_reason", s.late_reason, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, RecordBirth> {
  v("born_on", s.born_on, kReq);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, ChangeKeyWorker> {
  v("changed_on", s.changed_on, kReq); v("key_worker", s.key_worker, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, AgencyParticipation> {
  v("agency", s.agency, kOpt); v("role", s.role, kReq); v("practitioner", s.practitioner, kOpt);
  v("invited_on", s.invited_on, kOpt); v("attendance", s.attendance, kReq);
  v("contact_details", s.contact_details, kOpt);
}
template <typename S, typename V> void Fields(S& s, V& v) requires std::is_same_v<std::remove_const_t<S>, MeetingAction> {
  v("description", s.description, kReq); v("owner", s.owner, kOpt); v("owner_agency", s.owner_agency, kOpt);
  v("due", s.due, kReq);
}

template <typename T>
Json ListToJson(const std::vector<T>& items) {
  Json list = Json::array();
  for (const T& item : items) {
    Json object = Json::object();
    Encoder e(object);
    Fields(item, e);
    list.push_back(std::move(object));
  }
  return list;
}

void Encoder::operator()(const char* name, const MeetingRecord& record, Need) {
  if (record.participants.empty() && record.decisions.empty() && record.actions.empty() &&
      record.quorum_override_reason.empty()) {
    return;
  }
  Json object = Json::object();
  if (!record.participants.empty()) object["participants"] = ListToJson(record.participants);
  if (!record.decisions.empty()) object["decisions"] = record.decisions;
  if (!record.actions.empty()) object["actions"] = ListToJson(record.actions);
  if (!record.quorum_override_reason.empty()) object["quorum_override_reason"] = record.quorum_override_reason;
  out_[name] = std::move(object);
}

template <typename T>
void ListFromJson(const Json& list, const std::string& path, std::vector<T>& out, std::vector<Violation>& violations) {
  if (!list.is_array() || list.size() > kMaxItems) {
    violations.push_back({path, "must be a list of at most " + std::to_string(kMaxItems) + " objects"});
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      violations.push_back({item_path, "must be an object"});
      continue;
    }
    T item;
    Decoder d(list[i], item_path, violations);
    Fields(item, d);
    d.Finish();
    out.push_back(std::move(item));
  }
}

void Decoder::operator()(const char* name, MeetingRecord& record, Need need) {
  const Json* v = Find(name, need);
  if (v == nullptr) return;
  if (!v->is_object()) return Add(name, "must be an object");
  Decoder inner(*v, PathOf(name), violations_);
  inner.Known("participants");
  inner.Known("actions");
  if (auto it = v->find("participants"); it != v->end() && !it->is_null()) {
    ListFromJson(*it, PathOf(name) + ".participants", record.participants, violations_);
  }
  if (auto it = v->find("actions"); it != v->end() && !it->is_null()) {
    ListFromJson(*it, PathOf(name) + ".actions", record.actions, violations_);
  }
  inner("decisions", record.decisions, kOpt);
  inner("quorum_override_reason", record.quorum_override_reason, kOpt);
  inner.Finish();
}

// A default step of the kind named `name`, or nullopt.
template <size_t... I>
std::optional<Step> StepNamed(std::string_view name, std::index_sequence<I...>) {
  std::optional<Step> out;
  ((NameOf(Step(std::in_place_index<I>)) == name ? (void)(out.emplace(std::in_place_index<I>)) : void()), ...);
  return out;
}

std::string StepNames() {
  std::string list;
  for (size_t i = 0; i < std::variant_size_v<Step>; ++i) {
    auto step = [&]<size_t... I>(std::index_sequence<I...>) {
      std::string_view n;
      ((i == I ? (void)(n = NameOf(Step(std::in_place_index<I>))) : void()), ...);
      return n;
    }(std::make_index_sequence<std::variant_size_v<Step>>());
    list += (i ? ", " : "") + std::string(step);
  }
  return list;
}

}  // namespace

Json StepToJson(const Step& step) {
  Json out = Json::object();
  out["step"] = std::string(NameOf(step));
  Encoder e(out);
  std::visit([&](const auto& s) { Fields(s, e); }, step);
  return out;
}

Result<Step> StepFromJson(const Json& object) {
  if (!object.is_object()) return InvalidArgument("a step must be a JSON object", "step");
  auto name = object.find("step");
  if (name == object.end() || !name->is_string()) {
    return Status::Invalid("step", {{"step", "is required: one of " + StepNames()}});
  }
  std::optional<Step> step =
      StepNamed(name->get<std::string>(), std::make_index_sequence<std::variant_size_v<Step>>());
  if (!step) {
    return Status::Invalid("step", {{"step", "'" + name->get<std::string>().substr(0, 40) +
                                                 "' is not a step; one of " + StepNames()}});
  }
  std::vector<Violation> violations;
  Decoder d(object, "", violations);
  d.Known("step");
  std::visit([&](auto& s) { Fields(s, d); }, *step);
  d.Finish();
  if (!violations.empty()) return Status::Invalid(std::string(NameOf(*step)), std::move(violations));
  return std::move(*step);
}

Json MeetingRecordToJson(const MeetingRecord& record) {
  Json holder = Json::object();
  Encoder e(holder);
  e("record", record, kOpt);
  return holder.contains("record") ? holder["record"] : Json::object();
}

std::string EncodeStep(const Step& step) { return StepToJson(step).dump(); }

Result<Step> DecodeStep(std::string_view text) {
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return InvalidArgument("a stored step is not a JSON object", "payload");
  return StepFromJson(parsed);
}

}  // namespace safehub::app
