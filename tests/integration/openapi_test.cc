// docs/openapi.yaml and the real route table must list exactly the same operations.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "http/api.h"
#include "store/store.h"

namespace safehub {
namespace {

using Operation = std::pair<std::string, std::string>;  // method, path

std::set<Operation> RoutesOfTheServer() {
  static auto store = store::NewMemoryStore();
  static FakeClock clock(0);
  static app::AuthService auth(*store, clock, {});
  static app::ChildRecords records(*store, clock);
  static app::Organisations organisations(*store, clock);
  static http::ApiContext api{auth, records, organisations, clock, false};
  http::Router router;
  http::RegisterApi(router, api);
  std::set<Operation> out;
  for (const auto& route : router.routes()) out.insert({route.method, route.path_template});
  return out;
}

TEST(OpenApiTest, DocumentListsExactlyTheRoutesTheServerServes) {
  YAML::Node doc = YAML::LoadFile(std::string(SAFEHUB_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(doc["paths"].IsMap());
  std::set<Operation> documented;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert({method, path.first.as<std::string>()});
      EXPECT_TRUE(op.second["summary"]) << method << " " << path.first.as<std::string>() << " has no summary";
      EXPECT_TRUE(op.second["responses"]) << method << " " << path.first.as<std::string>() << " has no responses";
    }
  }
  const std::set<Operation> served = RoutesOfTheServer();
  for (const auto& op : served) EXPECT_TRUE(documented.count(op)) << "undocumented: " << op.first << " " << op.second;
  for (const auto& op : documented) EXPECT_TRUE(served.count(op)) << "documented but not served: " << op.first << " " << op.second;
}

}  // namespace
}  // namespace safehub
