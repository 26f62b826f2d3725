// The principals file: what a good one gives, the clear error each bad one gets, and
// authentication by token (only the token's SHA-256 is kept).

#include "server/principals.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>

#include "server_fixture.h"

namespace sw::server {
namespace {

using testing::kAdmin;
using testing::kFrCross;
using testing::kUkWatch;
using testing::principal_toml;
using testing::principals_toml;

/// The error of parsing `text`, or "" when it parses.
std::string parse_error(const std::string& text) {
  auto parsed = Principals::parse(text, "principals.toml");
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.error().code, "bad_principals");
  EXPECT_EQ(parsed.error().detail.rfind("principals.toml: ", 0), 0U) << parsed.error().detail;
  return parsed.error().detail;
}

/// A valid entry with one line replaced (or removed when `line` is empty).
std::string entry_with(const std::string& key, const std::string& line) {
  std::string text = principal_toml(kUkWatch);
  const std::size_t start = text.find("\n" + key + " = ");
  EXPECT_NE(start, std::string::npos) << key;
  const std::size_t end = text.find('\n', start + 1);
  text.replace(start + 1, end - start, line.empty() ? "" : line + "\n");
  return text;
}

TEST(PrincipalsTest, Sha256HexIsTheKnownDigest) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PrincipalsTest, ParsesEveryField) {
  auto parsed = Principals::parse(principals_toml(), "principals.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  ASSERT_EQ(parsed->all().size(), 5U);
  const Principal& watch = parsed->all()[0];
  EXPECT_EQ(watch.name(), "uk-watch");
  EXPECT_EQ(watch.recipient.nation, "UK");
  EXPECT_EQ(watch.recipient.agency, "UK/HMCG");
  EXPECT_EQ(watch.roles, kRoleWatchOfficer);
  EXPECT_EQ(watch.recipient.purposes, kPurposeSearchAndRescue | kPurposeBorderMonitoring);
  EXPECT_TRUE(watch.recipient.personal_data);
  EXPECT_EQ(watch.token_sha256, sha256_hex(kUkWatch.token));
  const Principal& cross = parsed->all()[1];
  EXPECT_EQ(cross.roles, kRoleSarCoordinator);
  EXPECT_EQ(cross.recipient.purposes, kPurposeSearchAndRescue);
  EXPECT_FALSE(cross.recipient.personal_data);
  EXPECT_TRUE(parsed->all()[3].has_any(kRoleAdmin));
  EXPECT_FALSE(parsed->all()[2].has_any(kOperatorRoles));  // the analyst
}

TEST(PrincipalsTest, SeveralRolesAndDefaults) {
  const std::string text =
      "[[principal]]\nname = \"ops\"\ntoken_sha256 = \"" + sha256_hex("t") +
      "\"\nnation = \"UK\"\nroles = [\"watch_officer\", \"analyst\"]\npurposes = [\"law\"]\n";
  auto parsed = Principals::parse(text, "principals.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  const Principal& ops = parsed->all().front();
  EXPECT_EQ(ops.roles, kRoleWatchOfficer | kRoleAnalyst);
  EXPECT_EQ(role_names(ops.roles), (std::vector<std::string>{"watch_officer", "analyst"}));
  EXPECT_EQ(ops.recipient.agency, "");
  EXPECT_FALSE(ops.recipient.personal_data);
  EXPECT_EQ(ops.recipient.purposes, kPurposeLawEnforcement);
}

TEST(PrincipalsTest, RoleNamesBothWays) {
  EXPECT_EQ(role_from_name("watch_officer"), kRoleWatchOfficer);
  EXPECT_EQ(role_from_name("sar_coordinator"), kRoleSarCoordinator);
  EXPECT_EQ(role_from_name("analyst"), kRoleAnalyst);
  EXPECT_EQ(role_from_name("admin"), kRoleAdmin);
  EXPECT_EQ(role_from_name("Admin"), 0);
  EXPECT_EQ(role_from_name(""), 0);
  EXPECT_TRUE(role_names(0).empty());
}

TEST(PrincipalsTest, TokenDigestMustBe64LowerCaseHexDigits) {
  std::string upper = sha256_hex(kUkWatch.token);
  for (char& digit : upper) digit = static_cast<char>(std::toupper(digit));
  for (const std::string& digest :
       {upper, sha256_hex(kUkWatch.token).substr(1), sha256_hex(kUkWatch.token) + "0",
        std::string(64, 'g'), std::string(63, '0') + " ", std::string()}) {
    SCOPED_TRACE(digest);
    const std::string error =
        parse_error(entry_with("token_sha256", "token_sha256 = \"" + digest + "\""));
    EXPECT_NE(error.find("principal 1: token_sha256 must be 64 lower-case hex digits"),
              std::string::npos)
        << error;
  }
}

TEST(PrincipalsTest, UnknownRoleOrPurposeIsNamed) {
  std::string error = parse_error(entry_with("roles", "roles = [\"watch_officer\", \"captain\"]"));
  EXPECT_NE(error.find("principal 1: role 'captain'"), std::string::npos) << error;
  EXPECT_NE(error.find("watch_officer, sar_coordinator, analyst, admin"), std::string::npos);

  error = parse_error(entry_with("purposes", "purposes = [\"sar\", \"fishing\"]"));
  EXPECT_NE(error.find("principal 1: purpose 'fishing'"), std::string::npos) << error;

  error = parse_error(entry_with("roles", "roles = []"));
  EXPECT_NE(error.find("principal 1: no role"), std::string::npos) << error;
}

TEST(PrincipalsTest, DuplicateNameOrTokenIsRefused) {
  // Same name, other token.
  std::string second = principal_toml(kFrCross);
  second.replace(second.find("fr-cross"), 8, "uk-watch");
  std::string error = parse_error(principal_toml(kUkWatch) + second);
  EXPECT_NE(error.find("duplicate principal uk-watch"), std::string::npos) << error;

  // Other name, same token.
  std::string same_token = principal_toml(kAdmin);
  same_token.replace(same_token.find(sha256_hex(kAdmin.token)), 64, sha256_hex(kUkWatch.token));
  error = parse_error(principal_toml(kUkWatch) + same_token);
  EXPECT_NE(error.find("principal admin shares a token"), std::string::npos) << error;
}

TEST(PrincipalsTest, UnknownKeyOrTableIsNamed) {
  std::string error =
      parse_error(principal_toml(kUkWatch) + principal_toml(kFrCross) + "password = \"hunter2\"\n");
  EXPECT_NE(error.find("unknown key 'password' in principal 2"), std::string::npos) << error;

  error = parse_error("[server]\nport = 1\n" + principal_toml(kUkWatch));
  EXPECT_NE(error.find("unknown table 'server'"), std::string::npos) << error;
}

TEST(PrincipalsTest, MissingOrMistypedFieldsAreErrors) {
  EXPECT_NE(parse_error(entry_with("nation", "")), "");
  EXPECT_NE(parse_error(entry_with("token_sha256", "")), "");
  EXPECT_NE(parse_error(entry_with("roles", "roles = \"admin\"")), "");
  const std::string error = parse_error(entry_with("name", "name = \"\""));
  EXPECT_NE(error.find("principal 1: empty name"), std::string::npos) << error;
  EXPECT_NE(parse_error("principal = 3\n"), "");
}

// Regression (was a bug): the optional keys are read with toml::find_or, which gives the default
// for a value of the wrong type: personal_data = "yes" silently becomes false and agency = 5
// silently becomes "" (principals.cpp, parse_principal).
TEST(PrincipalsTest, MistypedOptionalFieldsAreErrors) {
  EXPECT_NE(parse_error(entry_with("personal_data", "personal_data = \"yes\"")), "");
  EXPECT_NE(parse_error(entry_with("personal_data", "personal_data = 1")), "");
  EXPECT_NE(parse_error(entry_with("agency", "agency = 5")), "");
}

TEST(PrincipalsTest, NoPrincipalIsAnError) {
  for (const std::string& text : {std::string(), std::string("# nobody\n")}) {
    const std::string error = parse_error(text);
    EXPECT_NE(error.find("no [[principal]]"), std::string::npos) << error;
  }
}

TEST(PrincipalsTest, TextThatIsNotUtf8IsRefusedWithItsOffset) {
  std::string text = principal_toml(kUkWatch);
  const std::size_t at = text.find("uk-watch");
  text[at] = static_cast<char>(0xFF);
  const std::string error = parse_error(text);
  EXPECT_NE(error.find("not UTF-8 at byte " + std::to_string(at)), std::string::npos) << error;
}

TEST(PrincipalsTest, NestingTooDeepIsRefused) {
  const std::string text = "x = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  EXPECT_NE(parse_error(text), "");
}

TEST(PrincipalsTest, SyntaxErrorIsAnError) {
  EXPECT_NE(parse_error("[[principal]\nname = \"x\"\n"), "");
  EXPECT_NE(parse_error("[[principal]]\nname = \"x\n"), "");
}

TEST(PrincipalsTest, LoadReadsAFileAndNamesAMissingOne) {
  testing::TempDir directory("principals");
  const std::string path = (directory.path() / "principals.toml").string();
  {
    std::ofstream file(path);
    file << principals_toml();
  }
  auto loaded = Principals::load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded->all().size(), 5U);
  auto missing = Principals::load(path + ".missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "io_error");
}

TEST(PrincipalsTest, AuthenticateByTokenOnly) {
  const Principals principals = testing::make_principals();
  const Principal* watch = principals.authenticate(kUkWatch.token);
  ASSERT_NE(watch, nullptr);
  EXPECT_EQ(watch->name(), "uk-watch");
  const Principal* cross = principals.authenticate(kFrCross.token);
  ASSERT_NE(cross, nullptr);
  EXPECT_EQ(cross->name(), "fr-cross");

  EXPECT_EQ(principals.authenticate(""), nullptr);
  EXPECT_EQ(principals.authenticate("tok-uk-watc"), nullptr);
  EXPECT_EQ(principals.authenticate("tok-uk-watch "), nullptr);
  EXPECT_EQ(principals.authenticate("TOK-UK-WATCH"), nullptr);
  // The digest itself is not a token.
  EXPECT_EQ(principals.authenticate(sha256_hex(kUkWatch.token)), nullptr);
  EXPECT_EQ(Principals().authenticate(kUkWatch.token), nullptr);
}

}  // namespace
}  // namespace sw::server
