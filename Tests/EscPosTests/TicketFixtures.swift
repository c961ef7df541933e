import EscPos
import QRCode
import Testing

/// The tickets the golden files hold: long names that wrap, punctuation and accents to
/// transliterate, three counters, a tracking URL.
enum TicketFixtures {
  static let regular = TicketContent(
    hallName: "Mal Pelayanan Publik Kota Bandung — Gedung Kependudukan",
    serviceName: "Pelayanan KTP-el & Kartu Keluarga",
    serviceNameEn: "ID card & family card services",
    number: "A012",
    issuedAt: "Sabtu, 28 Nov 2026 09:15",
    ahead: 7,
    etaSeconds: 1080,
    counters: ["Loket 1", "Loket 3", "Loket 12"],
    trackURL: "https://antre.bandung.go.id/track.html?t=A012-7f3c9e21",
    footer: "Terima kasih · Simpan tiket ini sampai Anda dipanggil",
    priority: false)

  static let priority = TicketContent(
    hallName: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sleman",
    serviceName: "Akta Kelahiran & Kematian",
    serviceNameEn: "Birth & death certificates",
    number: "B107",
    issuedAt: "Senin, 30 Nov 2026 13:42",
    ahead: 2,
    etaSeconds: 340,
    counters: ["Loket 4"],
    trackURL: "https://antre.slemankab.go.id/track.html?t=B107-0d44aa90",
    footer: "“Melayani dengan hati” – mohon hadir saat nomor Anda dipanggil",
    priority: true)
}

extension TicketFixtures {
  /// The ticket's QR code as the ticket box draws it: libqrencode, sized to the paper.
  static func qr(_ content: TicketContent, _ paper: Paper) throws -> TicketQR {
    let code = try QRCode(content.trackURL ?? "")
    let raster = try #require(
      code.raster(fitting: paper.dots, maxDotsPerModule: paper.maxQRDotsPerModule))
    return .raster(try BitImage(width: raster.width, height: raster.height, bits: raster.bits))
  }
}
