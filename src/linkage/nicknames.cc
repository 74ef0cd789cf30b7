#include "linkage/nicknames.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace safehub::linkage {
namespace {

// Each line is one group; a name may sit in more than one group ("alex", "sam").
constexpr const char* kGroups[] = {
    "william will bill billy willie liam wills",
    "robert rob bob bobby robbie bert",
    "richard rich rick ricky dick richie",
    "margaret maggie meg peggy peg maisie madge greta rita",
    "elizabeth liz lizzie beth betty bess bessie libby eliza lisa elsie",
    "katherine catherine kathryn kate katie kathy cathy kat kitty",
    "alexander alex alec sandy xander lex",
    "alexandra alex alexa sandra lexi lexie",
    "samuel sam sammy",
    "samantha sam sammie",
    "james jim jimmy jamie jem",
    "john jack johnny jon",
    "jonathan jon jonny nathan",
    "thomas tom tommy",
    "joseph joe joey",
    "josephine jo josie",
    "joanna jo joanne",
    "michael mike mikey mick micky",
    "christopher chris kit topher",
    "christine chris chrissy tina",
    "christina chris tina",
    "daniel dan danny",
    "danielle dani",
    "matthew matt matty",
    "benjamin ben benny benji",
    "edward ed eddie ted teddy ned",
    "henry harry hal hank",
    "harrison harry",
    "harriet hattie harry",
    "charles charlie chas chuck",
    "charlotte charlie lottie lotte",
    "frederick fred freddie freddy",
    "frederica freda",
    "anthony tony ant",
    "antonia toni",
    "nicholas nick nicky",
    "nicola nicky nikki",
    "patrick pat paddy",
    "patricia pat patsy tricia trish",
    "stephen steven steve stevie",
    "stephanie steph",
    "timothy tim timmy",
    "andrew andy drew",
    "david dave davey",
    "peter pete",
    "philip phillip phil pip",
    "susan sue susie suzy",
    "deborah debbie deb",
    "rebecca becky becca",
    "victoria vicky tori",
    "jennifer jenny jen jenni",
    "jessica jess jessie",
    "abigail abbie abby gail",
    "amelia millie amy",
    "emily millie em emmy",
    "isabella isabelle bella izzy issy",
    "isabel isobel bella izzy issy",
    "olivia liv livvy ollie",
    "oliver ollie olly",
    "sophia sophie",
    "eleanor ellie nell nellie nora",
    "helen ellie nell",
    "florence flo florrie",
    "dorothy dot dottie dolly",
    "mary molly polly mae",
    "sarah sally sadie",
    "gabriel gabe",
    "gabriella gabby ella",
    "zachary zach zack",
    "theodore theo ted teddy",
    "lawrence laurence larry laurie",
    "leonard leo len lenny",
    "louis lou louie",
    "louise lou lulu",
    "kenneth ken kenny",
    "ronald ron ronnie",
    "donald don donnie",
    "raymond ray",
    "gerald gerry jerry",
    "douglas doug",
    "gregory greg",
    "jacob jake",
    "joshua josh",
    "nathaniel nathan nat",
    "alfred alfie alf fred",
    "archibald archie",
    "kayleigh kayley kaylee",
    "freya freyja",
    "mohammed muhammad mohammad mohamed muhammed",
};

class NicknameTable {
 public:
  NicknameTable() {
    int group = 0;
    for (const char* line : kGroups) {
      std::string_view rest(line);
      while (!rest.empty()) {
        const size_t space = rest.find(' ');
        const std::string_view word = rest.substr(0, space);
        if (!word.empty()) groups_[std::string(word)].push_back(group);
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
      }
      ++group;
    }
  }
  const std::vector<int>* Find(std::string_view name) const {
    const auto it = groups_.find(std::string(name));
    return it == groups_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<int>> groups_;
};

}  // namespace

bool AreNicknames(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a == b) return false;
  static const NicknameTable table;
  const auto* ga = table.Find(a);
  if (ga == nullptr) return false;
  const auto* gb = table.Find(b);
  if (gb == nullptr) return false;
  for (int g : *ga) {
    if (std::find(gb->begin(), gb->end(), g) != gb->end()) return true;
  }
  return false;
}

}  // namespace safehub::linkage
