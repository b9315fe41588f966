// Command report turns the measurements of bench/run into the tables of
// docs/performance.md: per corpus and tool, the median wall time, CPU time
// and peak memory over the counted runs (run 0 warms the caches and is
// left out), the ratios of concvet to go vet and to staticcheck, and
// concvet's diagnostics per analyzer.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

var (
	resultsFile = flag.String("results", "", "results.tsv written by bench/run")
	corporaFile = flag.String("corpora", "", "corpora.tsv written by bench/run")
	logsDir     = flag.String("logs", "", "the logs directory of bench/run")
)

type sample struct{ wall, cpu, rss float64 }

func main() {
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("report: ")

	samples := make(map[[2]string][]sample) // corpus, tool
	var order []string
	failed := 0
	for i, row := range readTSV(*resultsFile) {
		if i == 0 || len(row) < 7 {
			continue
		}
		corpus, tool, run := row[0], row[1], row[2]
		if run == "0" {
			continue
		}
		if row[6] != "0" && !(strings.HasPrefix(tool, "concvet") && row[6] == "3") && !(strings.HasPrefix(tool, "vettool") && row[6] == "1") && !(tool == "vet" && row[6] == "1") && !(tool == "staticcheck" && row[6] == "1") {
			failed++
			log.Printf("%s %s run %s exited %s: see the logs", corpus, tool, run, row[6])
		}
		k := [2]string{corpus, tool}
		if _, ok := samples[k]; !ok && !contains(order, corpus) {
			order = append(order, corpus)
		}
		samples[k] = append(samples[k], sample{num(row[3]), num(row[4]), num(row[5]) / 1e6})
	}

	fmt.Println("| corpus | module | version | packages | lines |")
	fmt.Println("|---|---|---|---:|---:|")
	for _, row := range readTSV(*corporaFile) {
		if len(row) >= 5 {
			fmt.Printf("| %s | %s | %s | %s | %s |\n", row[0], row[1], row[2], row[3], row[4])
		}
	}
	fmt.Println()
	fmt.Println("| corpus | tool | runs | wall s (median) | CPU s | peak GB | wall ÷ go vet | GB ÷ go vet | wall ÷ staticcheck | GB ÷ staticcheck |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range order {
		vet := median(samples[[2]string{c, "vet"}])
		sc := median(samples[[2]string{c, "staticcheck"}])
		for _, tool := range []string{"concvet", "concvet-own", "concvet-source", "vettool", "vettool-full", "vet", "staticcheck"} {
			s := samples[[2]string{c, tool}]
			if len(s) == 0 {
				continue
			}
			m := median(s)
			fmt.Printf("| %s | %s | %d | %.1f | %.1f | %.2f | %s | %s | %s | %s |\n", c, label(tool), len(s), m.wall, m.cpu, m.rss,
				ratio(m.wall, vet.wall), ratio(m.rss, vet.rss), ratio(m.wall, sc.wall), ratio(m.rss, sc.rss))
		}
	}
	fmt.Println()
	fmt.Println("| corpus | analyzer | diagnostics |")
	fmt.Println("|---|---|---:|")
	for _, c := range order {
		for _, kv := range diagnostics(filepath.Join(*logsDir, c+".json")) {
			fmt.Printf("| %s | %s | %d |\n", c, kv.name, kv.n)
		}
	}
	fmt.Println()
	fmt.Println("| corpus | findings of -runner=own and -runner=vet |")
	fmt.Println("|---|---|")
	for _, c := range order {
		vet, errVet := os.ReadFile(filepath.Join(*logsDir, c+".json"))
		own, errOwn := os.ReadFile(filepath.Join(*logsDir, c+".own.json"))
		switch {
		case errVet != nil || errOwn != nil:
			fmt.Printf("| %s | not compared |\n", c)
		case bytes.Equal(vet, own):
			fmt.Printf("| %s | identical (%d bytes of JSON) |\n", c, len(vet))
		default:
			fmt.Printf("| %s | DIFFERENT (%s.json, %s.own.json) |\n", c, c, c)
			failed++
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func label(tool string) string {
	switch tool {
	case "concvet":
		return "concvet (default: through go vet, cached)"
	case "concvet-own":
		return "concvet -runner=own (own runner and cache)"
	case "concvet-source":
		return "concvet -cache=false (in process)"
	case "vettool":
		return "go vet -vettool=concvet"
	case "vettool-full":
		return "go vet -vettool=concvet, no facts-only shortcut"
	case "vet":
		return "go vet (default analyzers)"
	}
	return tool
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// median takes the median of each measure separately.
func median(s []sample) sample {
	if len(s) == 0 {
		return sample{}
	}
	pick := func(get func(sample) float64) float64 {
		v := make([]float64, len(s))
		for i, x := range s {
			v[i] = get(x)
		}
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{pick(func(x sample) float64 { return x.wall }), pick(func(x sample) float64 { return x.cpu }), pick(func(x sample) float64 { return x.rss })}
}

type count struct {
	name string
	n    int
}

// diagnostics counts the diagnostics per analyzer in concvet's -json
// output: {package: {analyzer: [diagnostic...]}}.
func diagnostics(file string) []count {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &out); err != nil {
		log.Printf("%s: %v", file, err)
		return nil
	}
	n := make(map[string]int)
	seen := make(map[string]bool)
	for _, byAnalyzer := range out {
		for name, raw := range byAnalyzer {
			var diags []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if json.Unmarshal(raw, &diags) != nil {
				continue // an error entry
			}
			for _, d := range diags {
				key := name + d.Posn + d.Message
				if !seen[key] { // a file of a package and its test variant
					seen[key] = true
					n[name]++
				}
			}
		}
	}
	var counts []count
	for name, k := range n {
		counts = append(counts, count{name, k})
	}
	sort.Slice(counts, func(i, j int) bool { return counts[i].name < counts[j].name })
	return counts
}

func readTSV(file string) [][]string {
	f, err := os.Open(file)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	return rows
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
