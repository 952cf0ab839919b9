// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bantin",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "BanTinKit", targets: ["BanTinKit"]),
        .executable(name: "bantin", targets: ["bantin"]),
        .executable(name: "bantin-bench", targets: ["BanTinBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib straight from the system (zlib1g-dev) to read rotated `.gz` access logs: one C library
        // every Debian has, instead of compress-nio and the whole of swift-nio it would bring.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libvips from the system (libvips-dev) for photos: resizing, orientation, colour, WebP/JPEG/PNG/AVIF.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        // The image system: one entrance (`ImagePipeline.process`), one exit (`ImageResult`); only it sees libvips.
        .target(
            name: "BanTinImages",
            dependencies: [
                "CVips",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "BanTinKit",
            dependencies: [
                "BanTinImages",
                "CCmarkGFM",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The words of every message, one catalogue per language (Messages/Message.swift).
            resources: [.copy("Messages/vi.yml"), .copy("Messages/en.yml")]
        ),
        // The development server (`bantin serve`): its own target, so BanTinKit does not depend on a web server.
        .target(
            name: "BanTinServe",
            dependencies: [
                "BanTinKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "bantin",
            dependencies: [
                "BanTinKit",
                "BanTinServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench-counter`: times the visit counter on a million generated log lines.
        .executableTarget(
            name: "CounterBench",
            dependencies: ["BanTinKit"]
        ),
        .executableTarget(
            name: "BanTinFuzz",
            dependencies: ["BanTinKit"]
        ),
        .testTarget(
            name: "BanTinKitTests",
            dependencies: ["BanTinKit", "BanTinServe", "BanTinImages"]
        ),
        .testTarget(
            name: "BanTinImagesTests",
            dependencies: ["BanTinImages", "CVips", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
        // `image-bench`: BanTinImages' speed, memory and leaks on a folder of photos (docs/IMAGES.md).
        .executableTarget(
            name: "ImageBench",
            dependencies: ["BanTinImages"]
        ),
        // Benchmarks over generated sites (bench/README.md); not part of `make test`.
        .executableTarget(
            name: "BanTinBench",
            dependencies: ["BanTinKit"]
        ),
    ]
)
