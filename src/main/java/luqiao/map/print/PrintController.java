package luqiao.map.print;

import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/print}: a thematic map (专题图) of the caller's view as a PDF or a 300-dpi PNG, see
 * {@link PrintRequest} for the parameters. Not kept by caches: a staff print holds internal projects.
 */
@RestController
class PrintController {

    private final Printer printer;
    private final PublicPolicy policy;

    PrintController(Printer printer, PublicPolicy policy) {
        this.printer = printer;
        this.policy = policy;
    }

    @GetMapping("/api/print")
    ResponseEntity<byte[]> print(@RequestParam Map<String, String> query, Audience audience) {
        PrintRequest request = PrintRequest.read(query, audience, policy);
        byte[] body = printer.print(request, audience);
        return ResponseEntity.ok()
                .contentType(request.pdf() ? MediaType.APPLICATION_PDF : MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(request.fileName())
                                .build()
                                .toString())
                .body(body);
    }
}
