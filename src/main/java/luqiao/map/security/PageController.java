package luqiao.map.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the embeddable map, at clean URLs (the files are static resources). */
@Controller
class PageController {

    @GetMapping("/login")
    String login() {
        return "forward:/login.html";
    }

    @GetMapping("/embed")
    String embed() {
        return "forward:/embed.html";
    }
}
