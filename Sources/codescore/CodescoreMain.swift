import CodescoreCLI

/// The executable only hands over to the command library.
@main
struct CodescoreMain {
    static func main() async {
        CodescoreCommand.hardenProcess()
        await CodescoreCommand.main(nil)
    }
}
