package plugin_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolangciCustom builds a custom golangci-lint with concvet's plugin
// through the real `golangci-lint custom` command, reading the
// repository's .custom-gcl.yml, and lints testdata/golangci with the
// repository's .golangci-plugin.yml as its configuration.
//
// `golangci-lint custom` clones golangci-lint's git repository at the
// tag .custom-gcl.yml names. So that the test runs without access to
// GitHub, the clone is served from a local repository made from the
// module cache's copy of the same release (git's url.insteadOf, passed
// through the GIT_CONFIG_* variables that golangci-lint custom lets
// through). Everything else is what a user's CI does.
//
// It takes minutes, so it runs only when CONCVET_GOLANGCI_LINT names a
// golangci-lint v2.15.0 binary; .ci/run installs one and runs it.
func TestGolangciCustom(t *testing.T) {
	gcl := os.Getenv("CONCVET_GOLANGCI_LINT")
	if gcl == "" {
		t.Skip("set CONCVET_GOLANGCI_LINT to a golangci-lint v2.15.0 binary to run this test (.ci/run does)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")

	// The local stand-in for github.com/golangci/golangci-lint.git.
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@v2.15.0").Output()
	if err != nil {
		t.Fatalf("go mod download: %v", err)
	}
	src := jsonField(string(out), "Dir")
	mirror := filepath.Join(tmp, "golangci-lint.git")
	mustRun(t, tmp, env, "cp", "-r", src, mirror)
	mustRun(t, mirror, env, "chmod", "-R", "u+w", ".")
	gitEnv := append(env, "GIT_AUTHOR_NAME=concvet", "GIT_AUTHOR_EMAIL=ci@concvet", "GIT_COMMITTER_NAME=concvet", "GIT_COMMITTER_EMAIL=ci@concvet")
	mustRun(t, mirror, gitEnv, "git", "init", "-q")
	mustRun(t, mirror, gitEnv, "git", "add", "-A")
	mustRun(t, mirror, gitEnv, "git", "commit", "-qm", "v2.15.0")
	mustRun(t, mirror, gitEnv, "git", "tag", "v2.15.0")

	bin := filepath.Join(tmp, "bin")
	customEnv := append(env,
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://"+mirror+".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git",
	)
	mustRun(t, root, customEnv, gcl, "custom", "--destination", bin)
	custom := filepath.Join(bin, "custom-gcl")

	// The fixture module, configured by .golangci-plugin.yml as a user
	// would copy it.
	fixture := filepath.Join(tmp, "fixture")
	mustRun(t, tmp, env, "cp", "-r", filepath.Join(root, "testdata", "golangci"), fixture)
	// The fixture is built around wgadd's finding and fix; wgadd is off
	// by default, so the user turns it on in the settings.
	settings, err := os.ReadFile(filepath.Join(root, ".golangci-plugin.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(settings, []byte("enable: []")) {
		t.Fatal(".golangci-plugin.yml has no `enable: []` to turn wgadd on in")
	}
	settings = bytes.Replace(settings, []byte("enable: []"), []byte("enable: [wgadd]"), 1)
	if err := os.WriteFile(filepath.Join(fixture, ".golangci.yml"), settings, 0o644); err != nil {
		t.Fatal(err)
	}

	stdout, code := runCode(t, fixture, env, custom, "run", "./...")
	if code != 1 {
		t.Errorf("custom-gcl run: exit %d, want 1 (issues found)\n%s", code, stdout)
	}
	for _, want := range []string{
		"golangci.go:15:3: wgadd: wg.Add runs on the goroutine it counts",
		"golangci.go:28:10: timeafterloop: time.After in a loop",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("custom-gcl run: missing %q in\n%s", want, stdout)
		}
	}
	for _, silenced := range []string{"golangci.go:40:", "golangci.go:52:"} {
		if strings.Contains(stdout, silenced) {
			t.Errorf("custom-gcl run: a suppressed line was reported (%s)\n%s", silenced, stdout)
		}
	}

	stdout, _ = runCode(t, fixture, env, custom, "run", "--fix", "./...")
	fixed, err := os.ReadFile(filepath.Join(fixture, "golangci.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(fixed, []byte("wg.Go(func() {\n\t\twork()\n\t})")) || bytes.Contains(fixed, []byte("wg.Add(1)")) {
		t.Errorf("custom-gcl run --fix did not start the goroutine with wg.Go:\n%s\n%s", stdout, fixed)
	}
	mustRun(t, fixture, env, "go", "build", "./...")
}

func jsonField(js, name string) string {
	i := strings.Index(js, `"`+name+`": "`)
	if i < 0 {
		return ""
	}
	rest := js[i+len(name)+5:]
	return rest[:strings.IndexByte(rest, '"')]
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func runCode(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out), 0
}
