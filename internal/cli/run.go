package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/internal/apply"
	"github.com/concvet/concvet/internal/results"
	"github.com/concvet/concvet/internal/runner"
	"github.com/concvet/concvet/internal/sarif"
)

// run analyzes the packages, then prints, fixes or diffs the findings, and
// returns the exit code.
//
// By default the work is done by `go vet -vettool=concvet`, which analyzes
// one package per process and caches results and facts in the build
// cache: a second run over unchanged code costs what go vet's does, and
// memory stays at one package's worth. When go vet fails (a package does
// not load), or with -cache=false or -test=false (which go vet cannot do),
// concvet loads the packages from source in this process: the packages that
// load are analyzed, and each one that does not is reported once.
//
// With -runner=own, concvet's own runner (internal/runner) does the work in
// this process, with a cache of its own, and the same findings.
func run(stdout, stderr io.Writer, o *options) int {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	var set *results.Set
	switch {
	case o.runner == "own":
		set, err = analyzeOwn(o)
	case o.cache && o.tests:
		set, err = analyzeWithVet(stderr, o)
		if errors.Is(err, errVetFailed) {
			set, err = analyzeInProcess(o)
		}
	default:
		set, err = analyzeInProcess(o)
	}
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	for _, f := range set.Failures {
		if f.Analyzer != results.LoadName {
			fmt.Fprintf(stderr, "concvet: %s\n", f)
		}
	}
	code := ExitOK
	if len(set.Failures) > 0 {
		code = ExitFailure
	}

	switch {
	case o.sarif:
		// The version starts with a number, as SARIF validators ask.
		v := SemanticVersion()
		err = sarif.Write(stdout, set, o.analyzers, sarif.Options{Root: sarif.Root(wd), WorkDir: wd, Version: v, SemanticVersion: v})
	case o.json:
		err = set.PrintJSON(stdout)
	case o.fix || o.diff:
		return fixOrDiff(stdout, stderr, o, set, wd, code)
	default:
		set.PrintText(stdout, results.TextOptions{Dir: wd, Context: o.context})
		if code == ExitOK && len(set.Findings) > 0 {
			code = ExitFindings
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	return code
}

// fixOrDiff applies the fixes, all or nothing, or prints them as a diff,
// and prints the findings that have none.
func fixOrDiff(stdout, stderr io.Writer, o *options, set *results.Set, wd string, code int) int {
	plan, err := apply.NewPlan(set.Findings)
	if err != nil {
		fmt.Fprintf(stderr, "concvet: %v; no file was changed\n", err)
		return ExitFailure
	}
	rest := results.New()
	rest.Failures = set.Failures
	rest.Findings = plan.Unfixed
	if o.diff {
		// The patch owns standard output; the rest goes to standard error.
		plan.PrintDiff(stdout, wd)
		rest.PrintText(stderr, results.TextOptions{Dir: wd, Context: -1})
		switch {
		case len(plan.Changes) > 0:
			return ExitFailure // as go fix -diff
		case code == ExitOK && len(plan.Unfixed) > 0:
			return ExitFindings
		}
		return code
	}
	if err := plan.Write(); err != nil {
		fmt.Fprintf(stderr, "concvet: %v\n", err)
		return ExitFailure
	}
	rest.PrintText(stdout, results.TextOptions{Dir: wd, Context: o.context})
	if plan.Applied > 0 {
		fmt.Fprintf(stderr, "concvet: applied %d fixes to %d files\n", plan.Applied, len(plan.Changes))
	}
	if plan.Skipped > 0 {
		fmt.Fprintf(stderr, "concvet: %d fixes overlap others and were not applied; run concvet -fix again\n", plan.Skipped)
	}
	if code == ExitOK && len(plan.Unfixed) > 0 {
		code = ExitFindings
	}
	return code
}

var errVetFailed = errors.New("go vet failed")

// analyzeWithVet runs the selected analyzers through go vet, with this
// executable as the vet tool, and collects its JSON output. It returns
// errVetFailed when go vet fails, which it does when a package does not
// load: the caller then loads the packages itself to report them.
func analyzeWithVet(stderr io.Writer, o *options) (*results.Set, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"vet", "-vettool=" + exe, "-json"}
	args = append(args, o.buildFlags...)
	args = append(args, o.vetArgs...)
	args = append(args, "--")
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	runErr := cmd.Run()
	// go's own progress lines pass through as they are.
	for line := range strings.Lines(errs.String()) {
		if strings.HasPrefix(line, "go: downloading ") || strings.HasPrefix(line, "go: finding ") {
			io.WriteString(stderr, line)
		}
	}
	if runErr != nil {
		var exit *exec.ExitError
		if !errors.As(runErr, &exit) {
			return nil, fmt.Errorf("running go vet: %v", runErr)
		}
		return nil, errVetFailed
	}
	set := results.New()
	dec := json.NewDecoder(&out)
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			return nil, fmt.Errorf("reading go vet's output: %v", err)
		}
		if err := set.Add(tree); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// analyzeInProcess loads the packages from source and analyzes, in this
// process, those that load.
func analyzeInProcess(o *options) (*results.Set, error) {
	cfg := &packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule,
		Tests:      o.tests,
		BuildFlags: o.buildFlags,
	}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(o.patterns, " "))
	}
	set := results.New()
	// A package that does not load is reported once, with its first error
	// (the rest usually follow from it); a package that imports it is not
	// analyzed either, since its findings would be guesses.
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			e := p.Errors[0]
			path, _, _ := strings.Cut(p.PkgPath, " [")
			if path == "" {
				path = p.ID
			}
			set.AddBroken(path, e.Pos, e.Msg)
		}
	})
	var good []*packages.Package
	for _, p := range pkgs {
		if !p.IllTyped && len(p.Errors) == 0 {
			good = append(good, p)
		}
	}
	if len(good) == 0 {
		return set, nil
	}
	graph, err := checker.Analyze(o.analyzers, good, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return nil, err
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		return nil, err
	}
	if err := set.Add(tree); err != nil {
		return nil, err
	}
	return set, nil
}

// analyzeOwn analyzes the packages with concvet's own runner, in this
// process, with its cache in the user cache directory (none with
// -cache=false).
func analyzeOwn(o *options) (*results.Set, error) {
	ro := runner.Options{
		Analyzers:  o.analyzers,
		Patterns:   o.patterns,
		Tests:      o.tests,
		BuildFlags: o.buildFlags,
	}
	if o.cache {
		dir, err := runner.DefaultCacheDir()
		if err != nil {
			return nil, err
		}
		if ro.Cache, err = runner.OpenCache(dir); err != nil {
			return nil, err
		}
		exe, err := executableHash()
		if err != nil {
			return nil, err
		}
		ro.Salt = exe + "\x00" + strings.Join(o.vetArgs, " ")
	}
	res, err := runner.Run(context.Background(), ro)
	if err != nil {
		return nil, err
	}
	if os.Getenv("CONCVET_RUNNER_STATS") != "" {
		// For benchmarks: how much of the graph the run had to analyse.
		s := res.Stats
		fmt.Fprintf(os.Stderr, "concvet: runner: %d packages, %d roots, %d analysed, %d type-checked for dependents\n", s.Packages, s.Roots, s.Analysed, s.Checked)
	}
	set := results.New()
	for _, b := range res.Broken {
		set.AddBroken(b.Package, b.Posn, b.Message)
	}
	if err := set.Add(res.Tree); err != nil {
		return nil, err
	}
	return set, nil
}

// executableHash identifies this build of concvet, for cache keys: a
// rebuilt concvet may find other things.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
