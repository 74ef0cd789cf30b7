#include "app/casework_codec.h"

#include <gtest/gtest.h>

namespace safehub::app {
namespace {

using namespace safehub::domain;
using Json = nlohmann::json;

Date D(const char* iso) { return *Date::Parse(iso); }

MeetingRecord FullRecord() {
  MeetingRecord r;
  r.participants.push_back({AgencyId(3), AgencyRole::kPolice, PractitionerId(4), D("2024-05-10"),
                            Attendance::kReportSent, "0100 000 0001"});
  r.participants.push_back({AgencyId(), AgencyRole::kGeneralPractice, PractitionerId(), std::nullopt,
                            Attendance::kApologies, ""});
  r.decisions = {"plan under neglect", "parents to attend parenting course"};
  r.actions.push_back({"health visitor to visit weekly", PractitionerId(7), AgencyId(), D("2024-06-01")});
  r.actions.push_back({"school to report attendance", PractitionerId(), AgencyId(2), D("2024-06-07")});
  r.quorum_override_reason = "GP gave apologies; report received";
  return r;
}

// One step of every kind, with every field set away from its default.
std::vector<Step> EveryKind() {
  return {
      RecordContact{D("2024-05-01"), "1B"},
      DecideContact{ContactId(1), D("2024-05-02"), ContactDecision::kEarlyHelp, "system down"},
      ReceiveReferral{D("2024-05-03"), "5A", "N1", ReferralKind::kTransferIn, ContactId(2), "late"},
      DecideOnReferral{ReferralId(1), D("2024-05-04"), ReferralDecision::kStrategyDiscussion, "r"},
      StartAssessment{ReferralId(1), D("2024-05-05"), "r2"},
      CompleteAssessment{AssessmentId(1), D("2024-05-06"), {"2B", "3A"}, AssessmentOutcome::kChildInNeedPlan, "x"},
      HoldStrategyDiscussion{ReferralId(2), D("2024-05-07"), StrategyDecision::kNoSection47Enquiry, "y"},
      CompleteSection47Enquiry{Section47EnquiryId(1), D("2024-05-08"), Section47Outcome::kChildInNeedPlan},
      HoldInitialConference{Section47EnquiryId(1), ReferralId(2), ConferenceKind::kTransferIn, D("2024-05-09"),
                            ConferenceDecision::kNoPlan, FullRecord(), "chair ill"},
      StartChildProtectionPlan{ConferenceId(1), D("2024-05-10"), AbuseCategory::kSexual, PractitionerId(12)},
      HoldCoreGroupMeeting{ChildProtectionPlanId(1), D("2024-05-11"), FullRecord(), "z"},
      HoldReviewConference{ChildProtectionPlanId(1), D("2024-05-12"), ReviewDecision::kEndPlan, FullRecord(), "w"},
      EndChildProtectionPlan{ChildProtectionPlanId(1), D("2024-05-13"), PlanEndReason::kChildBecameLookedAfter},
      StartChildInNeedPlan{ReferralId(3), D("2024-05-14"), "v", PractitionerId(12)},
      EndChildInNeedPlan{ChildInNeedPlanId(1), D("2024-05-15")},
      CloseEpisode{ReferralId(3), D("2024-05-16"), ReasonForClosure::kRc2, "u"},
      RecordBirth{D("2024-05-17")},
      ChangeKeyWorker{D("2024-05-18"), PractitionerId(13)},
  };
}

TEST(CaseworkCodecTest, EveryStepKindRoundTrips) {
  const auto steps = EveryKind();
  ASSERT_EQ(steps.size(), std::variant_size_v<Step>);
  for (const Step& step : steps) {
    const std::string text = EncodeStep(step);
    auto decoded = DecodeStep(text);
    ASSERT_TRUE(decoded.ok()) << NameOf(step) << ": " << decoded.status().message();
    EXPECT_EQ(decoded->index(), step.index());
    EXPECT_EQ(DateOf(*decoded), DateOf(step));
    EXPECT_EQ(EncodeStep(*decoded), text) << NameOf(step);
  }
}

TEST(CaseworkCodecTest, FieldsDecodeIntoTheStep) {
  auto step = DecodeStep(EncodeStep(EveryKind()[8]));
  ASSERT_TRUE(step.ok());
  const auto& icpc = std::get<HoldInitialConference>(*step);
  EXPECT_EQ(icpc.kind, ConferenceKind::kTransferIn);
  EXPECT_EQ(icpc.decision, ConferenceDecision::kNoPlan);
  ASSERT_EQ(icpc.record.participants.size(), 2u);
  EXPECT_EQ(icpc.record.participants[0].attendance, Attendance::kReportSent);
  EXPECT_EQ(icpc.record.participants[0].invited_on, D("2024-05-10"));
  EXPECT_FALSE(icpc.record.participants[1].invited_on.has_value());
  EXPECT_EQ(icpc.record.actions[1].owner_agency, AgencyId(2));
  EXPECT_EQ(icpc.late_reason, "chair ill");
  EXPECT_EQ(StepToJson(EveryKind()[15])["reason"], "RC2");
  EXPECT_EQ(StepToJson(EveryKind()[9])["category"], "sexual");
}

TEST(CaseworkCodecTest, DefaultsOfOptionalFieldsAreLeftOut) {
  Json json = StepToJson(HoldStrategyDiscussion{{}, D("2024-05-07"), StrategyDecision::kSection47Enquiry, ""});
  EXPECT_EQ(json, Json::parse(R"({"step":"hold strategy discussion","held_on":"2024-05-07","decision":"s47"})"));
}

std::vector<Violation> ViolationsOf(const char* text) {
  auto step = StepFromJson(Json::parse(text));
  EXPECT_FALSE(step.ok()) << text;
  EXPECT_EQ(step.status().code(), StatusCode::kInvalidArgument);
  return step.status().violations();
}

bool Names(const std::vector<Violation>& violations, const std::string& field) {
  for (const auto& v : violations) {
    if (v.field == field) return true;
  }
  return false;
}

TEST(CaseworkCodecTest, BadInputNamesEveryFieldAtOnce) {
  auto v = ViolationsOf(R"({"step":"hold strategy discussion","held_on":"2024-13-01","decision":"maybe",
                           "referral":-1,"colour":"red"})");
  EXPECT_EQ(v.size(), 4u);
  EXPECT_TRUE(Names(v, "held_on"));
  EXPECT_TRUE(Names(v, "decision"));
  EXPECT_TRUE(Names(v, "referral"));
  EXPECT_TRUE(Names(v, "colour"));
  v = ViolationsOf(R"({"step":"complete assessment","completed_on":"2024-05-01"})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "outcome");
  EXPECT_EQ(v[0].message, "is required");
}

TEST(CaseworkCodecTest, NestedMeetingFieldsAreNamedWithTheirPath) {
  auto v = ViolationsOf(R"({"step":"hold core group","held_on":"2024-05-01",
      "record":{"participants":[{"role":"police","attendance":"present"},{"role":"wizard","attendance":"present","x":1}],
                "actions":[{"description":"visit"}],"decisions":[1]}})");
  EXPECT_TRUE(Names(v, "record.participants[1].role"));
  EXPECT_TRUE(Names(v, "record.participants[1].x"));
  EXPECT_TRUE(Names(v, "record.actions[0].due"));
  EXPECT_TRUE(Names(v, "record.decisions[0]"));
  EXPECT_FALSE(Names(v, "record.participants[0].role"));
}

TEST(CaseworkCodecTest, UnknownOrMissingStepNameListsTheSteps) {
  auto v = ViolationsOf(R"({"step":"hold tea party"})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "step");
  EXPECT_NE(v[0].message.find("hold strategy discussion"), std::string::npos);
  EXPECT_EQ(ViolationsOf(R"({"held_on":"2024-05-01"})")[0].field, "step");
  EXPECT_FALSE(DecodeStep("[1,2]").ok());
  EXPECT_FALSE(DecodeStep("{").ok());
}

}  // namespace
}  // namespace safehub::app
