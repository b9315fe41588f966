// Package vetunit reads what the go command tells a vet tool about the
// unit it is to analyse, before the x/tools driver takes over.
package vetunit

import (
	"encoding/json"
	"os"
	"strings"
)

// FactsOnly reports whether args name one unit's configuration file (the
// go vet protocol: the last argument ends in .cfg) whose VetxOnly field is
// set: the unit is a dependency, analysed only for the facts that the
// packages asked for import, and its diagnostics are discarded. A file
// that cannot be read or decoded is not a facts-only unit: the driver then
// reports the problem as it always does.
func FactsOnly(args []string) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	if err := json.Unmarshal(data, &cfg); err != nil {
		return false
	}
	return cfg.VetxOnly
}
