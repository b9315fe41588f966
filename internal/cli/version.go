package cli

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// buildVersion returns the module version and VCS revision the binary was
// built from, as the build info records them.
func buildVersion() (version, revision string, modified bool) {
	version = "(devel)"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if info.Main.Version != "" {
		version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return
}

// versionLine is what -version prints: concvet v1.2.3, or for a build
// from a checkout, concvet (devel) with its revision.
func versionLine() string {
	version, revision, modified := buildVersion()
	s := "concvet " + version
	var extra []string
	if revision != "" {
		extra = append(extra, "revision "+revision)
	}
	if modified {
		extra = append(extra, "modified")
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// SemanticVersion returns the version as SemVer 2.0 without the leading
// v, for SARIF; a development build is 0.0.0-devel.
func SemanticVersion() string {
	version, revision, _ := buildVersion()
	if strings.HasPrefix(version, "v") {
		return strings.TrimPrefix(version, "v")
	}
	if revision != "" {
		return "0.0.0-devel+" + revision[:min(12, len(revision))]
	}
	return "0.0.0-devel"
}

// printVersionFull answers go vet's -V=full. go vet keys its cache on the
// line, so it ends with a hash of the executable, as the x/tools drivers
// print it: a rebuilt concvet is a new tool even under the same version.
func printVersionFull(stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	version, revision, modified := buildVersion()
	id := version
	if revision != "" {
		id += "+" + revision
	}
	if modified {
		id += "+modified"
	}
	// "devel" in the third field makes go vet read the buildID.
	fmt.Fprintf(stdout, "concvet version devel %s buildID=%x\n", strings.ReplaceAll(id, " ", "_"), sha256.Sum256(data))
	return ExitOK
}
