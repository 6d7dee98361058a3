#!/usr/bin/env bash
# A new user's check of the packages: pack them from this clone, install them into a brand-new net10.0 console app
# outside the repository (so none of the repository's build settings apply) from the local folder plus the machine's
# default NuGet sources, and build it with warnings as errors. Exits non-zero on any failure.
#
#   eng/verify-packages.sh              pack (building first), then check
#   eng/verify-packages.sh --no-build   pack what `dotnet build/test -c Release` already built (CI does this)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pack_args=()
if [ "${1:-}" = "--no-build" ]; then pack_args+=(--no-build); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
packages="$work/packages"
app="$work/app"
fail() { echo "verify-packages: FAILED: $*" >&2; exit 1; }

echo "verify-packages: packing into $packages"
dotnet pack AmplifyAuthHandlers.sln -c Release -o "$packages" "${pack_args[@]}" -v:q -nologo >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; fail "dotnet pack"; }
# Warnings are errors here; NU1603 is the one exemption of this repository's own restore (see Directory.Build.props).
if grep -E ': warning ' "$work/pack.log" | grep -v ' NU1603' | sort -u | grep .; then fail "dotnet pack printed warnings"; fi

# Exactly the library packages, each with symbols, the readme and the licence expression; nothing else is packable.
expected=(AmplifyAuthHandlers AmplifyAuthHandlers.AspNetCore AmplifyAuthHandlers.AwsSdk)
[ -d src/AmplifyAuthHandlers.Testing ] && expected+=(AmplifyAuthHandlers.Testing)
# The amplify-rest dotnet tool is checked like the libraries, then installed as a tool (not as a package reference).
tools=()
[ -d src/AmplifyAuthHandlers.Cli ] && tools+=(AmplifyAuthHandlers.Cli)
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' src/Directory.Build.props)
[ -n "$version" ] || fail "no VersionPrefix in src/Directory.Build.props"
for id in "${expected[@]}" "${tools[@]}"; do
  nupkg="$packages/$id.$version.nupkg"
  [ -f "$nupkg" ] || fail "$id.$version.nupkg was not produced"
  [ -f "$packages/$id.$version.snupkg" ] || fail "$id.$version.snupkg (symbols) was not produced"
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  files=$(unzip -Z1 "$nupkg")
  grep -q '<license type="expression">Apache-2.0</license>' <<<"$nuspec" || fail "$id: no Apache-2.0 licence expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: no readme"
  grep -qx 'README.md' <<<"$files" || fail "$id: README.md is not in the package"
  grep -q '<repository type="git" url="https://' <<<"$nuspec" || fail "$id: the repository URL is not a public https URL"
  if grep -Eq '^(build|buildTransitive)/' <<<"$files"; then fail "$id: ships build props/targets"; fi
  if [ "$id" != AmplifyAuthHandlers.AwsSdk ] && grep -q 'id="AWSSDK' <<<"$nuspec"; then fail "$id depends on the AWS SDK (only AmplifyAuthHandlers.AwsSdk may)"; fi
done
produced=$(cd "$packages" && ls *.nupkg | sort)
wanted=$(for id in "${expected[@]}" "${tools[@]}"; do echo "$id.$version.nupkg"; done | sort)
[ "$produced" = "$wanted" ] || fail "unexpected packages: $(echo $produced)"

# A separate packages folder, so a stale copy of these packages in the machine's cache can never stand in for them;
# everything else resolves from that cache (read-only fallback) or the default sources.
global=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
export NUGET_PACKAGES="$work/nuget-packages"
mkdir -p "$app"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- Added to the machine's default sources (not cleared), which serve the dependencies. -->
    <add key="local-packages" value="$packages" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine-cache" value="$global" />
  </fallbackPackageFolders>
</configuration>
XML

cd "$app"
dotnet new console --framework net10.0 --name VerifyApp --output . --no-restore >/dev/null || fail "dotnet new console"
sed -i 's#</PropertyGroup>#  <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>#' VerifyApp.csproj
for id in "${expected[@]}"; do
  dotnet add package "$id" --version "$version" --source "$packages" >/dev/null || fail "dotnet add package $id"
done

cat >amplifyconfiguration.json <<'JSON'
{ "api": { "plugins": { "awsAPIPlugin": { "items": {
    "endpointType": "REST", "endpoint": "https://abc123.execute-api.us-west-2.amazonaws.com/dev",
    "region": "us-west-2", "authorizationType": "AWS_IAM" } } } },
  "auth": { "plugins": { "awsCognitoAuthPlugin": { "CredentialsProvider": { "CognitoIdentity": { "Default": {
    "PoolId": "us-west-2:00000000-0000-0000-0000-000000000000", "Region": "us-west-2" } } },
    "CognitoUserPool": { "Default": { "PoolId": "us-west-2_abcDEF123", "AppClientId": "verifyappclient", "Region": "us-west-2" } } } } } }
JSON
cat >Program.cs <<'CS'
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddAmplifyRestApi("amplifyconfiguration.json")   // AmplifyAuthHandlers
    .UseAwsSdkCredentials();                               // AmplifyAuthHandlers.AwsSdk
services.AddAmplifyCallerTokenForwarding();                // AmplifyAuthHandlers.AspNetCore

using var provider = services.BuildServiceProvider(validateScopes: true);
var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("items");
Console.WriteLine($"items -> {client.BaseAddress}");
CS

echo "verify-packages: building a new console app against the packages, warnings as errors"
dotnet build -c Release -warnaserror -nologo -v:q -clp:Summary | tee build.log || fail "the app does not build"
grep -Eq '^ *0 Warning\(s\)' build.log || fail "the app built with warnings"
output=$(dotnet run -c Release --no-build) || fail "the app does not run"
grep -q "items -> https://abc123.execute-api.us-west-2.amazonaws.com/dev" <<<"$output" || fail "unexpected output: $output"
for id in "${tools[@]}"; do
  echo "verify-packages: installing the $id tool from the local folder"
  dotnet tool install "$id" --version "$version" --tool-path "$work/tools" --add-source "$packages" >/dev/null || fail "dotnet tool install $id"
  "$work/tools/amplify-rest" --help >/dev/null || fail "amplify-rest --help does not run"
done
echo "verify-packages: OK (${expected[*]} ${tools[*]} $version)"
