// Package config is concvet's configuration: which analyzers run and with
// which options. One schema serves every front end:
//
//   - the concvet command reads it from a concvet.yml file, found in the
//     current directory or the nearest parent (Find, Load);
//   - the golangci-lint plugin reads it from the settings block of
//     .golangci.yml (Decode on the value golangci-lint hands over);
//   - an editor integration reads the file of the workspace (Load) and may
//     take the same block from its client settings (Decode).
//
// The schema, in YAML:
//
//	enable: [unboundedgo]   # analyzers to run besides the default ones
//	disable: [ctxfield]     # default analyzers not to run
//	options:                # analyzer options (the -NAME.OPTION flags)
//	  goleak:
//	    main: true          # booleans, integers and strings are accepted
//
// Every key is checked: an unknown key, analyzer or option, or a value of
// the wrong type, is an error naming the file and the key.
//
// The Go API, for front ends:
//
//	cfg, err := config.Load(dir)      // nil, nil when no concvet.yml is found
//	cfg, err := config.Decode(v)      // v from golangci-lint or a JSON client
//	sel, err := cfg.Analyzers(nil)    // the runnable analyzers, options set
//
// A nil *Config is valid and means the default suite with default options.
package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
)

// FileName is the name of the configuration file.
const FileName = "concvet.yml"

// Config is a decoded configuration.
type Config struct {
	// File is the file it was read from, or "" when it was not read from a
	// file. Errors name it.
	File string
	// Enable names analyzers to run besides the default ones.
	Enable []string
	// Disable names analyzers not to run.
	Disable []string
	// Options maps an analyzer name to its option settings, as the
	// strings that the analyzer's flag.FlagSet accepts.
	Options map[string]map[string]string
}

// Find returns the path of the concvet.yml that governs dir: the one in dir
// or in its nearest parent directory, looking no higher than the root of
// the version-control repository that contains dir (a directory holding
// .git). It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil // the repository root: look no further
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load finds and reads the concvet.yml that governs dir. It returns nil and
// no error when there is none.
func Load(dir string) (*Config, error) {
	file, err := Find(dir)
	if err != nil || file == "" {
		return nil, err
	}
	return ReadFile(file)
}

// ReadFile reads and checks a configuration file.
func ReadFile(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	v, err := parseYAML(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%v", file, err)
	}
	cfg, err := decode(v, file)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// Decode checks and decodes a configuration given as the generic values a
// YAML or JSON decoder produces (map[string]any, []any, string, bool,
// numbers). nil decodes to an empty configuration.
func Decode(v any) (*Config, error) { return decode(v, "") }

func decode(v any, file string) (*Config, error) {
	cfg := &Config{File: file}
	fail := func(key, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if key != "" {
			msg = key + ": " + msg
		}
		if file != "" {
			return fmt.Errorf("%s: %s", file, msg)
		}
		return errors.New(msg)
	}
	if v == nil {
		return cfg, nil
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fail("", "want a mapping with keys enable, disable and options, not %s", describe(v))
	}
	for _, key := range slices.Sorted(maps.Keys(top)) {
		val := top[key]
		switch key {
		case "enable", "disable":
			names, err := stringList(val)
			if err != nil {
				return nil, fail(key, "%v", err)
			}
			for _, name := range names {
				if _, ok := analyzers.Lookup(name); !ok {
					return nil, fail(key, "unknown analyzer %q (run concvet help for the list)", name)
				}
			}
			if key == "enable" {
				cfg.Enable = names
			} else {
				cfg.Disable = names
			}
		case "options":
			if val == nil {
				continue
			}
			byAnalyzer, ok := val.(map[string]any)
			if !ok {
				return nil, fail(key, "want a mapping from analyzer names to options, not %s", describe(val))
			}
			cfg.Options = make(map[string]map[string]string)
			for _, name := range slices.Sorted(maps.Keys(byAnalyzer)) {
				e, ok := analyzers.Lookup(name)
				if !ok {
					return nil, fail(key, "unknown analyzer %q", name)
				}
				opts, ok := byAnalyzer[name].(map[string]any)
				if !ok {
					return nil, fail(key+"."+name, "want a mapping from option names to values, not %s", describe(byAnalyzer[name]))
				}
				cfg.Options[name] = make(map[string]string)
				for _, opt := range slices.Sorted(maps.Keys(opts)) {
					f := e.Analyzer.Flags.Lookup(opt)
					if f == nil {
						return nil, fail(key+"."+name, "analyzer %s has no option %q (run concvet help %s)", name, opt, name)
					}
					s, err := scalar(opts[opt])
					if err != nil {
						return nil, fail(key+"."+name+"."+opt, "%v", err)
					}
					// Check the value now, on a scratch copy of the flag,
					// so that a bad one is reported before anything runs.
					if err := checkValue(e.Analyzer, opt, s); err != nil {
						return nil, fail(key+"."+name+"."+opt, "%v", err)
					}
					cfg.Options[name][opt] = s
				}
			}
		default:
			return nil, fail("", "unknown key %q (want enable, disable or options)", key)
		}
	}
	for _, name := range cfg.Enable {
		if slices.Contains(cfg.Disable, name) {
			return nil, fail("", "analyzer %s is both enabled and disabled", name)
		}
	}
	return cfg, nil
}

// On reports whether the configuration turns the analyzer of e on.
func (c *Config) On(e analyzers.Entry) bool {
	if c == nil {
		return e.Default
	}
	switch name := e.Analyzer.Name; {
	case slices.Contains(c.Disable, name):
		return false
	case slices.Contains(c.Enable, name):
		return true
	}
	return e.Default
}

// OptionsOf returns the configured options of the named analyzer.
func (c *Config) OptionsOf(analyzer string) map[string]string {
	if c == nil {
		return nil
	}
	return c.Options[analyzer]
}

// SetOptions sets the configured options on the analyzers' flags. Options
// set on a command line afterwards override them.
func (c *Config) SetOptions() error {
	if c == nil {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(c.Options)) {
		e, ok := analyzers.Lookup(name)
		if !ok {
			return fmt.Errorf("options: unknown analyzer %q", name)
		}
		for _, opt := range slices.Sorted(maps.Keys(c.Options[name])) {
			if err := e.Analyzer.Flags.Set(opt, c.Options[name][opt]); err != nil {
				return fmt.Errorf("options.%s.%s: %v", name, opt, err)
			}
		}
	}
	return nil
}

// Analyzers sets the configured options and returns the runnable form of
// every analyzer the configuration turns on, in suite order. It fails when
// that leaves nothing to run.
func (c *Config) Analyzers() ([]*analysis.Analyzer, error) {
	if err := c.SetOptions(); err != nil {
		return nil, err
	}
	var selected []*analysis.Analyzer
	for _, e := range analyzers.Suite {
		if c.On(e) {
			selected = append(selected, e.Runnable())
		}
	}
	if len(selected) == 0 {
		return nil, errors.New("every analyzer is disabled")
	}
	return selected, nil
}

// checkValue reports whether value is acceptable to the option's flag,
// without changing the flag.
func checkValue(a *analysis.Analyzer, opt, value string) error {
	f := a.Flags.Lookup(opt)
	old := f.Value.String()
	if err := a.Flags.Set(opt, value); err != nil {
		return err
	}
	return a.Flags.Set(opt, old)
}

func stringList(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		if s, ok := v.([]string); ok {
			return s, nil
		}
		return nil, fmt.Errorf("want a list of analyzer names, not %s", describe(v))
	}
	names := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, fmt.Errorf("want an analyzer name, not %s", describe(item))
		}
		names = append(names, s)
	}
	return names, nil
}

// scalar renders a YAML or JSON scalar as the flag value it stands for.
func scalar(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		if v != float64(int64(v)) {
			return "", fmt.Errorf("want a boolean, an integer or a string, not %v", v)
		}
		return strconv.FormatInt(int64(v), 10), nil
	}
	return "", fmt.Errorf("want a boolean, an integer or a string, not %s", describe(v))
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "an empty value"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return fmt.Sprintf("the string %q", v)
	}
	return fmt.Sprintf("%v", v)
}
