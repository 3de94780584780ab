from deck.cli import main

main(prog_name="deck")
