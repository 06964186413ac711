// tlogcheck checks the service's signed notes and Merkle proofs with Go's own implementation
// (golang.org/x/mod/sumdb/note and sumdb/tlog), so they are proven to other tooling, not only
// to our Java code. Built offline from Debian's golang-golang-x-mod-dev (GOPATH mode).
//
//	tlogcheck note <verifier key>                  < signed note   prints the note's text
//	tlogcheck inclusion <index> <size> <leaf> <root> [path hex ...]
//	tlogcheck consistency <from> <to> <fromRoot> <toRoot> [path hex ...]
//
// Exit 0: verified; 1: refused (the reason on stdout); 2: bad usage.
package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 3 {
		usage()
	}
	switch os.Args[1] {
	case "note":
		verifier, err := note.NewVerifier(os.Args[2])
		if err != nil {
			fmt.Println("bad verifier key:", err)
			os.Exit(2)
		}
		msg, err := io.ReadAll(os.Stdin)
		if err != nil {
			os.Exit(2)
		}
		n, err := note.Open(msg, note.VerifierList(verifier))
		if err != nil {
			fmt.Println("REFUSED:", err)
			os.Exit(1)
		}
		fmt.Print(n.Text)
	case "inclusion", "consistency":
		if len(os.Args) < 6 {
			usage()
		}
		a, b := number(os.Args[2]), number(os.Args[3])
		first, second := hash(os.Args[4]), hash(os.Args[5])
		var path []tlog.Hash
		for _, h := range os.Args[6:] {
			path = append(path, hash(h))
		}
		var err error
		if os.Args[1] == "inclusion" {
			err = tlog.CheckRecord(tlog.RecordProof(path), b, second, a, first)
		} else {
			err = tlog.CheckTree(tlog.TreeProof(path), b, second, a, first)
		}
		if err != nil {
			fmt.Println("REFUSED:", err)
			os.Exit(1)
		}
		fmt.Println("OK")
	default:
		usage()
	}
}

func number(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		usage()
	}
	return n
}

func hash(s string) tlog.Hash {
	var h tlog.Hash
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(h) {
		usage()
	}
	copy(h[:], b)
	return h
}

func usage() {
	fmt.Println("usage: tlogcheck note <vkey> < note | inclusion <index> <size> <leaf> <root> [path...] | consistency <from> <to> <fromRoot> <toRoot> [path...]")
	os.Exit(2)
}
