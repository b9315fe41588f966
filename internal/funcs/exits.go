package funcs

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The calls that end a goroutine, in one place. Three questions use them,
// each as strictly as its answer needs: EndsGoroutine and NeverReturns
// (funcs.go) match exact functions, for a rule that must not miss a path
// (wgdone's skipped Done, timeafterloop's leaving case); MayExit matches
// names, for a rule that only gets quieter when it matches too much
// (goleak's "this loop has an exit"); FailsTest adds a test's Error
// family, for a rule about what happens once a test has failed.

// calleeName returns the name of the function or method common calls.
func calleeName(common ssa.CallCommon) string {
	if common.IsInvoke() {
		return common.Method.Name()
	}
	if fn := common.StaticCallee(); fn != nil {
		return fn.Name()
	}
	return ""
}

// MayExit reports whether the call's name is one of a function that ends
// the goroutine or the process: Goexit, Exit, the Fatal, Panic and Skip
// families, FailNow. Any function or method so named counts.
func MayExit(common ssa.CallCommon) bool {
	name := calleeName(common)
	switch {
	case name == "Goexit", name == "Exit", name == "FailNow", name == "SkipNow",
		strings.HasPrefix(name, "Fatal"), strings.HasPrefix(name, "Panic"), strings.HasPrefix(name, "Skip"):
		return true
	}
	return false
}

// FailsTest reports whether the call's name is one of a test's failing
// or ending methods (Error, Errorf, Fail, and MayExit's names).
func FailsTest(common ssa.CallCommon) bool {
	switch calleeName(common) {
	case "Error", "Errorf", "Fail":
		return true
	}
	return MayExit(common)
}
