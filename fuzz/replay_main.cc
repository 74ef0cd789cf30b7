// Runs a fuzz target without libFuzzer (g++ builds, `make test`): every file of the seed
// corpus, then a fixed-seed stream of mutated inputs, so the targets stay built and a crash
// on a known input fails the test suite. `make fuzz` runs the real coverage-guided fuzzer.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::string> seeds;
  int rounds = 20000;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]).rfind("--rounds=", 0) == 0) {
      rounds = std::atoi(argv[i] + 9);
      continue;
    }
    if (!std::filesystem::is_directory(argv[i])) continue;
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream in(entry.path(), std::ios::binary);
      seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (seeds.empty()) seeds.push_back("{}");
  for (const auto& s : seeds) LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  std::mt19937_64 rng(12345);
  for (int round = 0; round < rounds; ++round) {
    std::string input = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = input.empty() ? 0 : rng() % (input.size() + 1);
      switch (rng() % 4) {
        case 0: input.insert(input.begin() + static_cast<long>(pos), static_cast<char>(rng() % 256)); break;
        case 1: if (!input.empty() && pos < input.size()) input.erase(pos, 1); break;
        case 2: if (!input.empty() && pos < input.size()) input[pos] = static_cast<char>(rng() % 256); break;
        default: input += seeds[rng() % seeds.size()].substr(0, 16); break;
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("replayed %zu seeds and %d mutations\n", seeds.size(), rounds);
  return 0;
}
