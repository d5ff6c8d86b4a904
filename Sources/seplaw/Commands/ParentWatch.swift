import Foundation

/// Ends a job's process when the rank that started it is gone (killed with `kill -9`, say), so that no
/// orphaned job keeps a core busy: a background thread checks the parent once a second.
enum ParentWatch {
    static func start() {
        let parent = getppid()
        let thread = Thread {
            while true {
                sleep(1)
                if getppid() != parent { _exit(137) }
            }
        }
        thread.stackSize = 64 << 10
        thread.start()
    }
}
