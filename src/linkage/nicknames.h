// Forename equivalence groups: a formal name with its diminutives and short forms
// ("william", "will", "bill", "billy", "liam"). Written for this project from common English
// usage. Built once on first use; thread-safe after that.
#pragma once

#include <string_view>

namespace safehub::linkage {

// True when the two normalised forenames differ and share an equivalence group
// ("peggy"/"margaret", "alex"/"alexandra"). A name is not its own nickname.
bool AreNicknames(std::string_view a, std::string_view b);

}  // namespace safehub::linkage
